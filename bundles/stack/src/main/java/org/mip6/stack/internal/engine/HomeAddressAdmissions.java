package org.mip6.stack.internal.engine;

import java.util.HashMap;
import java.util.Map;

import org.mip6.net.Ipv6Address;

/**
 * RFC 6275 §9.3.1 in the node's data path: the (home address, care-of address) pairs of a correspondent
 * node's bindings, with their expiry, that the role mirrored into the node. They decide for packets with
 * a Home Address option while the role is away (being replaced); with the role present, it decides. They
 * belong to the node and stay while the role is replaced.
 */
final class HomeAddressAdmissions {

    private record Admission(Ipv6Address careOf, long expiresAt) {
    }

    private final Map<Ipv6Address, Admission> byHome = new HashMap<>();

    void admit(Ipv6Address home, Ipv6Address careOf, long expiresAt) {
        byHome.put(home, new Admission(careOf, expiresAt));
    }

    void withdraw(Ipv6Address home) {
        byHome.remove(home);
    }

    /** Whether a packet from {@code careOf} with {@code home} in its Home Address option is admitted at {@code now}. */
    boolean admits(long now, Ipv6Address home, Ipv6Address careOf) {
        Admission a = byHome.get(home);
        if (a == null) {
            return false;
        }
        if (a.expiresAt() <= now) {
            byHome.remove(home); // the binding's lifetime is over (RFC 6275 §9.5.2)
            return false;
        }
        return a.careOf().equals(careOf);
    }

    int size() {
        return byHome.size();
    }
}
