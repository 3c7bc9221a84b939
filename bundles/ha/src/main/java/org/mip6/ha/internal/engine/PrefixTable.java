package org.mip6.ha.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;

/**
 * RFC 3963 §6.1.2's Prefix Table: the mobile routers a home agent serves, by home address, and the Mobile Network
 * Prefixes each may register. Empty ({@link #NONE}): the home agent does not support mobile routers, and the Mobile
 * Router flag of a Binding Update is a bit it ignores (RFC 6275 §6.1.7), the Binding Acknowledgement's R flag clear
 * telling the mobile router so (RFC 3963 §5.3).
 */
public final class PrefixTable {

    /** No mobile router served. */
    public static final PrefixTable NONE = new PrefixTable(Map.of());

    /** RFC 3963 §6.2: what a mobile router's registration is refused with. */
    static final int MOBILE_ROUTER_OPERATION_NOT_PERMITTED = 140;
    static final int INVALID_PREFIX = 141;
    static final int NOT_AUTHORIZED_FOR_PREFIX = 142;
    static final int FORWARDING_SETUP_FAILED = 143;

    private final Map<Ipv6Address, List<Ipv6Prefix>> byHomeAddress;
    /** Whether it lists any (asked for every Binding Update: a field, not the map's size). */
    private final boolean any;

    /**
     * @param byHomeAddress each mobile router's home address and the prefixes it may register (none: it may register
     *                      none in implicit mode, RFC 3963 §5.1, and no prefix in explicit mode)
     * @throws IllegalArgumentException for an invalid prefix ({@link #invalid}) or one two mobile routers share
     */
    public PrefixTable(Map<Ipv6Address, List<Ipv6Prefix>> byHomeAddress) {
        Map<Ipv6Address, List<Ipv6Prefix>> m = new LinkedHashMap<>();
        List<Ipv6Prefix> all = new ArrayList<>();
        List<Ipv6Address> owners = new ArrayList<>();
        byHomeAddress.forEach((home, prefixes) -> {
            if (!home.isUnicastRoutable()) {
                throw new IllegalArgumentException("mobile router " + home + ": not a unicast routable home address");
            }
            for (Ipv6Prefix p : prefixes) {
                String why = invalid(p);
                if (why != null) {
                    throw new IllegalArgumentException("mobile router " + home + ": prefix " + p + " " + why);
                }
                for (int k = 0; k < all.size(); k++) {
                    if (all.get(k).contains(p) || p.contains(all.get(k))) {
                        throw new IllegalArgumentException("mobile router " + home + ": prefix " + p + " overlaps "
                                + all.get(k) + " of mobile router " + owners.get(k));
                    }
                }
                all.add(p);
                owners.add(home);
            }
            m.put(home, List.copyOf(prefixes));
        });
        this.byHomeAddress = java.util.Collections.unmodifiableMap(m);
        this.any = !m.isEmpty();
    }

    /**
     * The table of configuration entries {@code "HOME_ADDRESS [PREFIX ...]"}, the prefixes separated by spaces or
     * commas; one entry may hold several, separated by {@code ;} (a configuration file's single line).
     *
     * @throws IllegalArgumentException naming the entry that does not parse or is invalid
     */
    public static PrefixTable parse(String[] entries) {
        Map<Ipv6Address, List<Ipv6Prefix>> m = new LinkedHashMap<>();
        for (String entry : java.util.Arrays.stream(entries).flatMap(e -> java.util.Arrays.stream(e.split(";"))).toList()) {
            String[] words = entry.trim().split("[\\s,]+");
            if (words.length == 0 || words[0].isEmpty()) {
                continue;
            }
            Ipv6Address home = Ipv6Address.tryParse(words[0]);
            if (home == null) {
                throw new IllegalArgumentException("\"" + entry + "\": " + words[0] + " is not an IPv6 home address");
            }
            if (m.containsKey(home)) {
                throw new IllegalArgumentException("\"" + entry + "\": mobile router " + home + " is listed twice");
            }
            List<Ipv6Prefix> prefixes = new ArrayList<>();
            for (int k = 1; k < words.length; k++) {
                try {
                    prefixes.add(Ipv6Prefix.parse(words[k]));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("\"" + entry + "\": " + e.getMessage(), e);
                }
            }
            m.put(home, prefixes);
        }
        return new PrefixTable(m);
    }

    /**
     * The table checked against the home prefixes served: each mobile router's home address on one of them, and no
     * Mobile Network Prefix that is one of them or holds one (it would take the home link into a tunnel).
     *
     * @throws IllegalArgumentException naming the mobile router
     */
    public void checkAgainst(List<Ipv6Prefix> homePrefixes) {
        byHomeAddress.forEach((home, prefixes) -> {
            if (homePrefixes.stream().noneMatch(h -> h.contains(home))) {
                throw new IllegalArgumentException("mobile router " + home + ": its home address is on no prefix served "
                        + homePrefixes);
            }
            for (Ipv6Prefix p : prefixes) {
                for (Ipv6Prefix h : homePrefixes) {
                    if (p.contains(h)) {
                        throw new IllegalArgumentException("mobile router " + home + ": prefix " + p + " holds the home prefix "
                                + h);
                    }
                }
            }
        });
    }

    /** Whether the home agent serves mobile routers (RFC 3963): the table lists at least one. */
    public boolean supportsMobileRouters() {
        return any;
    }

    /** The mobile routers and their prefixes, in the order given. */
    public Map<Ipv6Address, List<Ipv6Prefix>> entries() {
        return byHomeAddress;
    }

    /**
     * Why {@code p} cannot be a Mobile Network Prefix, or null: the default route, the unspecified, loopback,
     * link-local or multicast address's, or one that is a home link's (RFC 3963 §6.2, status 141).
     */
    static String invalid(Ipv6Prefix p) {
        Ipv6Address a = p.address();
        if (p.length() == 0) {
            return "is the default route";
        }
        if (a.isMulticast() || a.isLinkLocal() || a.isUnspecified() || a.equals(Ipv6Address.LOOPBACK)) {
            return "is not a unicast routable prefix";
        }
        return null;
    }

    /**
     * RFC 3963 §6.2: the status a mobile router's registration of {@code requested} (explicit mode; empty: implicit
     * mode) from {@code homeAddress} is refused with, or 0. {@code homePrefixes}: the prefixes the home agent serves
     * (a Mobile Network Prefix that is one of them, or holds one, would take the home link into the tunnel).
     */
    int check(Ipv6Address homeAddress, List<Ipv6Prefix> requested, List<Ipv6Prefix> homePrefixes) {
        List<Ipv6Prefix> allowed = byHomeAddress.get(homeAddress);
        if (allowed == null) {
            return MOBILE_ROUTER_OPERATION_NOT_PERMITTED;
        }
        if (requested.isEmpty()) {
            return allowed.isEmpty() ? FORWARDING_SETUP_FAILED : 0; // implicit mode: the table's, none configured
        }
        for (Ipv6Prefix p : requested) {
            if (invalid(p) != null || homePrefixes.stream().anyMatch(p::contains)) {
                return INVALID_PREFIX;
            }
        }
        for (Ipv6Prefix p : requested) {
            if (allowed.stream().noneMatch(a -> a.contains(p))) {
                return NOT_AUTHORIZED_FOR_PREFIX;
            }
        }
        return 0;
    }

    /** The prefixes a registration {@link #check} accepted registers: those asked for, else the table's (implicit mode). */
    List<Ipv6Prefix> registered(Ipv6Address homeAddress, List<Ipv6Prefix> requested) {
        return requested.isEmpty() ? byHomeAddress.getOrDefault(homeAddress, List.of())
                : List.copyOf(new java.util.LinkedHashSet<>(requested));
    }

    @Override
    public String toString() {
        return byHomeAddress.toString();
    }
}
