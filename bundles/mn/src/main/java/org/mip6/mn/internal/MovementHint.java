package org.mip6.mn.internal;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The movement hints of RFC 6275 §11.5.1 a mobile node uses, each one switchable in configuration
 * ({@code movementHints}) so that they can be compared. Home is always detected: an RA with the home
 * prefix on the link.
 */
public enum MovementHint {

    /** The link layer attached the interface to a link: routers are solicited at once, and the next new prefix is the new link's. */
    L2,
    /** An RA announced a prefix that was not on the link: a new link (without it only a hint below makes a new prefix a move). */
    PREFIX,
    /** Neighbor Unreachability Detection gave up on the router the care-of address came from: routers are solicited. */
    NUD,
    /** No RA from that router within the interval of its Advertisement Interval option (RFC 6275 §7.3): routers are solicited. */
    RA_INTERVAL;

    /** The name in configuration and counters: {@code l2}, {@code prefix}, {@code nud}, {@code ra-interval}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The hints named in {@code values} (each may hold several, comma-separated); none given is none.
     *
     * @throws IllegalArgumentException naming an unknown hint and the known ones
     */
    public static Set<MovementHint> parse(String... values) {
        Set<MovementHint> hints = EnumSet.noneOf(MovementHint.class);
        for (String v : values) {
            for (String part : v.split(",")) {
                String name = part.strip();
                if (name.isEmpty()) {
                    continue;
                }
                MovementHint hint = null;
                for (MovementHint h : values()) {
                    if (h.configName().equals(name.toLowerCase(Locale.ROOT))) {
                        hint = h;
                    }
                }
                if (hint == null) {
                    throw new IllegalArgumentException("\"" + name + "\" is no movement hint (" + EnumSet.allOf(MovementHint.class)
                            .stream().map(MovementHint::configName).collect(Collectors.joining(", ")) + ")");
                }
                hints.add(hint);
            }
        }
        return hints;
    }
}
