package org.mip6.stack.internal.engine;

/**
 * What a role handles on a node: an MH Type, an ICMPv6 Type, the decision on a Home Address option or
 * Type 2 Routing Header, IPsec processing, or the outbound hook (which is never held: it decides for packets sent, not received).
 */
public record HandlerKey(Kind kind, int type) {

    public enum Kind { MOBILITY, ICMPV6, HOME_ADDRESS, ROUTING_HEADER_2, OUTBOUND, PROTECTION }

    public static final HandlerKey HOME_ADDRESS = new HandlerKey(Kind.HOME_ADDRESS, 0);
    public static final HandlerKey ROUTING_HEADER_2 = new HandlerKey(Kind.ROUTING_HEADER_2, 0);
    public static final HandlerKey OUTBOUND = new HandlerKey(Kind.OUTBOUND, 0);
    /** IPsec (RFC 4301 §5): ESP received, packets sent, packets received without ESP. */
    public static final HandlerKey PROTECTION = new HandlerKey(Kind.PROTECTION, 0);

    private static final HandlerKey[] MOBILITY = new HandlerKey[256];
    private static final HandlerKey[] ICMPV6 = new HandlerKey[256];

    static {
        for (int t = 0; t < 256; t++) {
            MOBILITY[t] = new HandlerKey(Kind.MOBILITY, t);
            ICMPV6[t] = new HandlerKey(Kind.ICMPV6, t);
        }
    }

    /** The key of an MH Type (one instance per type: dispatch allocates nothing). */
    public static HandlerKey mobility(int mhType) {
        return mhType >= 0 && mhType < 256 ? MOBILITY[mhType] : new HandlerKey(Kind.MOBILITY, mhType);
    }

    /** The key of an ICMPv6 type. */
    public static HandlerKey icmpv6(int type) {
        return type >= 0 && type < 256 ? ICMPV6[type] : new HandlerKey(Kind.ICMPV6, type);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case MOBILITY -> "MH type " + type;
            case ICMPV6 -> "ICMPv6 type " + type;
            case HOME_ADDRESS -> "Home Address option";
            case ROUTING_HEADER_2 -> "Type 2 Routing Header";
            case OUTBOUND -> "outbound hook";
            case PROTECTION -> "IPsec";
        };
    }
}
