package org.mip6.ha.internal.engine;

import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityOption;

/**
 * A Binding Update as the home agent receives it (RFC 6275 §9.5.1): what it acts on, read from the
 * message's record ({@link #of}) or from its bytes in place.
 *
 * @param iface                  the interface it arrived on
 * @param homeAgent              the address it was sent to (the IPv6 destination)
 * @param source                 the IPv6 source (the care-of address, or the home address at home)
 * @param homeAddress            the Home Address option's address, or the source without one
 * @param sequence               the Sequence # field
 * @param flags                  the 16 bits after it (A, H, L, K, ... and Reserved)
 * @param lifetime               the Lifetime field, in units of 4 s
 * @param alternateCareOfAddress the first Alternate Care-of Address option's address (§6.2.5), or null
 * @param forbiddenOption        the type of the first option a home registration must not carry (Nonce
 *                               Indices, §6.2.6; Binding Authorization Data, §6.2.7), or -1
 */
public record ReceivedBindingUpdate(int iface, Ipv6Address homeAgent, Ipv6Address source, Ipv6Address homeAddress,
                                    int sequence, int flags, int lifetime, Ipv6Address alternateCareOfAddress,
                                    int forbiddenOption) {

    public ReceivedBindingUpdate {
        Objects.requireNonNull(homeAgent, "homeAgent");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(homeAddress, "homeAddress");
    }

    /** From the message's record. */
    public static ReceivedBindingUpdate of(int iface, Ipv6Address homeAgent, Ipv6Address source, Ipv6Address homeAddress,
                                           BindingUpdate update) {
        Ipv6Address alternate = null;
        int forbidden = -1;
        for (MobilityOption o : update.options()) {
            if (o instanceof MobilityOption.AlternateCareOfAddress a && alternate == null) {
                alternate = a.address();
            } else if (forbidden < 0 && (o instanceof MobilityOption.NonceIndices
                    || o instanceof MobilityOption.BindingAuthorizationData)) {
                forbidden = o.type();
            }
        }
        return new ReceivedBindingUpdate(iface, homeAgent, source, homeAddress, update.sequence(), update.flags(),
                update.lifetime(), alternate, forbidden);
    }

    public boolean homeRegistration() {
        return (flags & BindingUpdate.H) != 0;
    }

    public boolean linkLocalCompatibility() {
        return (flags & BindingUpdate.L) != 0;
    }

    public long lifetimeSeconds() {
        return lifetime * 4L;
    }

    /** The care-of address the binding is for: the Alternate Care-of Address, else the source (§9.5.1). */
    public Ipv6Address careOfAddress() {
        return alternateCareOfAddress != null ? alternateCareOfAddress : source;
    }
}
