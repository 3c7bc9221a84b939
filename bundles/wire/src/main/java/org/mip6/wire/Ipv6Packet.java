package org.mip6.wire;

import static org.mip6.wire.Wire.checkRange;

import java.util.List;
import java.util.Objects;

import org.mip6.net.Ipv6Address;

/**
 * An IPv6 packet (RFC 8200): header fields, extension headers in order, and the payload. Payload
 * Length and the Next Header chain are derived when encoding.
 */
public record Ipv6Packet(int trafficClass, int flowLabel, int hopLimit, Ipv6Address source, Ipv6Address destination,
                         List<ExtensionHeader> extensionHeaders, Payload payload) {

    public Ipv6Packet {
        checkRange("traffic class", trafficClass, 0, 255);
        checkRange("flow label", flowLabel, 0, 0xfffff);
        checkRange("hop limit", hopLimit, 0, 255);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        extensionHeaders = List.copyOf(extensionHeaders);
        Objects.requireNonNull(payload, "payload");
        for (int i = 1; i < extensionHeaders.size(); i++) {
            if (extensionHeaders.get(i) instanceof ExtensionHeader.HopByHopOptions) {
                throw new IllegalArgumentException("Hop-by-Hop Options must come first (RFC 8200 §4.1)");
            }
        }
    }

    /** A packet without extension headers, traffic class 0 and flow label 0. */
    public static Ipv6Packet of(Ipv6Address source, Ipv6Address destination, int hopLimit, Payload payload) {
        return new Ipv6Packet(0, 0, hopLimit, source, destination, List.of(), payload);
    }

    /** The home address carried in a Home Address option, or null. */
    public Ipv6Address homeAddressOption() {
        for (ExtensionHeader h : extensionHeaders) {
            if (h instanceof ExtensionHeader.DestinationOptions d) {
                for (Ipv6Option o : d.options()) {
                    if (o instanceof Ipv6Option.HomeAddress ha) {
                        return ha.address();
                    }
                }
            }
        }
        return null;
    }

    /** The Type 2 Routing Header, or null. */
    public ExtensionHeader.Type2RoutingHeader type2RoutingHeader() {
        for (ExtensionHeader h : extensionHeaders) {
            if (h instanceof ExtensionHeader.Type2RoutingHeader r) {
                return r;
            }
        }
        return null;
    }

    /** The source the upper layer sees: the home address when a Home Address option is present (RFC 6275 §9.3.1). */
    public Ipv6Address effectiveSource() {
        Ipv6Address h = homeAddressOption();
        return h != null ? h : source;
    }

    /**
     * The final destination: the home address in a Type 2 Routing Header with Segments Left 1
     * (RFC 6275 §6.4, RFC 8200 §8.1), else the destination.
     */
    public Ipv6Address finalDestination() {
        ExtensionHeader.Type2RoutingHeader r = type2RoutingHeader();
        return r != null && r.segmentsLeft() > 0 ? r.homeAddress() : destination;
    }

    public Ipv6Packet withHopLimit(int h) {
        return new Ipv6Packet(trafficClass, flowLabel, h, source, destination, extensionHeaders, payload);
    }

    /** Hop limit 255, as Neighbor Discovery requires (RFC 4861 §6.1). */
    public Ipv6Packet withHopLimit255() {
        return withHopLimit(255);
    }

    public Ipv6Packet withPayload(Payload p) {
        return new Ipv6Packet(trafficClass, flowLabel, hopLimit, source, destination, extensionHeaders, p);
    }

    public Ipv6Packet withExtensionHeaders(List<ExtensionHeader> headers) {
        return new Ipv6Packet(trafficClass, flowLabel, hopLimit, source, destination, headers, payload);
    }
}
