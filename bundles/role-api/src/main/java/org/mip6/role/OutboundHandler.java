package org.mip6.role;

import java.util.ArrayList;
import java.util.List;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;

/**
 * Chooses how a packet this node originates leaves (one per node): a mobile node sends traffic from
 * its home address directly, with a Home Address option (route optimisation, RFC 6275 §11.3.1) or
 * through the reverse tunnel to its home agent; a correspondent, and a home agent too, sends to a home
 * address it holds a binding for with a Type 2 Routing Header (§9.3.2). Consulted for every packet the
 * node's upper layers (echo, UDP, errors) originate, never for Neighbor Discovery or for what a role
 * sends itself.
 */
@FunctionalInterface
public interface OutboundHandler {

    /** What to do with one packet. */
    sealed interface Decision {
        /** Leave as it is (routed by its destination). */
        record Direct() implements Decision {
        }

        /** Send this packet instead (e.g. with a Home Address option or a Type 2 Routing Header). */
        record Rewrite(Ipv6Packet packet) implements Decision {
        }

        /**
         * Encapsulate {@code inner} into tunnel {@code tunnel} (reverse tunnelling, RFC 6275 §11.3.1);
         * {@code inner} null: the packet as given (an unspecified source becomes the tunnel's local end).
         */
        record Tunnel(int tunnel, Ipv6Packet inner) implements Decision {
        }

        /** Do not send it (counted by the node). */
        record Drop() implements Decision {
        }
    }

    Decision DIRECT = new Decision.Direct();
    Decision DROP = new Decision.Drop();

    /**
     * @param packet the packet as the upper layer built it: its source is unspecified when the upper
     *               layer left the choice to the node (which selects one for {@link Decision.Direct}
     *               and {@link Decision.Tunnel}, and for a {@link Decision.Rewrite} that leaves it
     *               unspecified: one for this packet's destination, RFC 6724, not the rewritten one's);
     *               a mobile node rewrites it to its home address
     */
    Decision outbound(Ipv6Packet packet);

    /**
     * Whether {@link #outbound} would answer {@link #DIRECT} for every packet to {@code destination} now:
     * the node may then send such a packet on a fast path without asking for each one (an echo reply built
     * in place). The default says no, and every packet is asked about.
     */
    default boolean direct(Ipv6Address destination) {
        return false;
    }

    /**
     * RFC 6275 §9.3.2: {@code packet} rewritten to go to {@code careOfAddress}, with a Type 2 Routing Header
     * holding its destination (a bound home address) after its other extension headers; what a
     * correspondent's or a home agent's handler answers for a home address it holds a binding for.
     */
    static Decision viaCareOfAddress(Ipv6Packet packet, Ipv6Address careOfAddress) {
        List<ExtensionHeader> ext = new ArrayList<>(packet.extensionHeaders());
        ext.add(new ExtensionHeader.Type2RoutingHeader(1, packet.destination()));
        return new Decision.Rewrite(new Ipv6Packet(packet.trafficClass(), packet.flowLabel(), packet.hopLimit(),
                packet.source(), careOfAddress, ext, packet.payload()));
    }
}
