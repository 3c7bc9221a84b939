package org.mip6.ipsec;

/**
 * One SPD entry (RFC 4301 §4.4.1).
 *
 * @param direction   "out" or "in"
 * @param source      the source selector (an address, or "any")
 * @param destination the destination selector
 * @param traffic     the next layer protocol selector, e.g. "MH" or "ICMPv6 146,147" or "MH 1 (HoTI) in IPv6"
 * @param action      "protect", "bypass" or "discard"
 * @param mode        "transport" or "tunnel" (protect only, else empty)
 * @param spi         the SA it uses (protect only, else -1)
 */
public record SecurityPolicyEntry(String direction, String source, String destination, String traffic, String action,
                                  String mode, long spi) {
}
