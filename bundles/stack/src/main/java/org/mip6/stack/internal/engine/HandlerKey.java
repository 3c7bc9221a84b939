package org.mip6.stack.internal.engine;

/** What a role handles on a node: an MH Type, an ICMPv6 Type, or the decision on a Home Address option or Type 2 Routing Header. */
public record HandlerKey(Kind kind, int type) {

    public enum Kind { MOBILITY, ICMPV6, HOME_ADDRESS, ROUTING_HEADER_2 }

    public static final HandlerKey HOME_ADDRESS = new HandlerKey(Kind.HOME_ADDRESS, 0);
    public static final HandlerKey ROUTING_HEADER_2 = new HandlerKey(Kind.ROUTING_HEADER_2, 0);

    public static HandlerKey mobility(int mhType) {
        return new HandlerKey(Kind.MOBILITY, mhType);
    }

    public static HandlerKey icmpv6(int type) {
        return new HandlerKey(Kind.ICMPV6, type);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case MOBILITY -> "MH type " + type;
            case ICMPV6 -> "ICMPv6 type " + type;
            case HOME_ADDRESS -> "Home Address option";
            case ROUTING_HEADER_2 -> "Type 2 Routing Header";
        };
    }
}
