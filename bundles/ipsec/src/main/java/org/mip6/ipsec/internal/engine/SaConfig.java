package org.mip6.ipsec.internal.engine;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mip6.net.Ipv6Address;

/**
 * One manually keyed SA between a mobile node and its home agent (RFC 3776 §4.1, §5), as configuration
 * writes it, seen from the node it is configured on:
 * <pre>{@code out transport spi=0x1001 alg=aes-gcm-16-128 key=0x<hex> mn=<home address> ha=<home agent>}</pre>
 * {@code auth=0x<hex>} adds the integrity key of an AES-CBC transform; the word {@code iro} (transport mode)
 * makes it carry the signalling without Home Address option and Type 2 Routing Header (IRO, below). A transport-mode SA carries the
 * Mobility Header messages and Mobile Prefix Solicitations/Advertisements between the home address and the
 * home agent; a tunnel-mode SA the Home Test Init / Home Test the home agent relays (RFC 3776 §5.2.3).
 * {@code cn=} instead of {@code ha=} makes a transport SA with a correspondent node that carries the Mobility
 * Header messages and the route-optimized path between it and the home address, without HAO/RH2 (IPsec
 * route optimization).
 *
 * @param outbound  whether this node sends under it
 * @param tunnel    tunnel mode, else transport mode
 * @param spi       its SPI (256 .. 2^32 - 1)
 * @param keys      algorithm and keys
 * @param home      the mobile node's home address
 * @param homeAgent the home agent's address ({@code ha=}), or the correspondent node's ({@code cn=})
 * @param iro       IPsec without HAO/RH2 (transport mode): the mobile node's packets leave its care-of address
 *                  without a Home Address option and the home agent's reach it without a Type 2 Routing
 *                  Header; the SA supplies the home address, the Alternate Care-of Address option in ESP the
 *                  care-of address
 * @param correspondent the peer is a correspondent node ({@code cn=}, IPsec route optimization): a transport SA
 *                  carrying the signalling and the direct path between the home address and it, always without
 *                  HAO/RH2 (IRO)
 * @param payload   a tunnel-mode SA that carries everything the home agent tunnels to or from the home address,
 *                  not only the HoTI/HoT (RFC 3776 §5.2.4's optional payload protection: the word {@code payload})
 * @param esn       Extended Sequence Numbers (RFC 4303 §2.2.1, the word {@code esn}): 64-bit sequence numbers, the
 *                  packet carrying the low-order 32 and the ICV covering all 64; both ends' SAs must say so
 */
public record SaConfig(boolean outbound, boolean tunnel, long spi, EspKeys keys, Ipv6Address home, Ipv6Address homeAgent,
                       boolean iro, boolean correspondent, boolean payload, boolean esn) {

    /** An SA with 32-bit sequence numbers. */
    public SaConfig(boolean outbound, boolean tunnel, long spi, EspKeys keys, Ipv6Address home, Ipv6Address homeAgent,
                    boolean iro, boolean correspondent, boolean payload) {
        this(outbound, tunnel, spi, keys, home, homeAgent, iro, correspondent, payload, false);
    }

    /** Parses one entry. @throws IllegalArgumentException saying what is wrong */
    public static SaConfig parse(String entry) {
        String[] words = entry.strip().split("\\s+");
        if (words.length < 2) {
            throw new IllegalArgumentException("\"" + entry.strip() + "\" is not \"in|out transport|tunnel spi=... alg=..."
                    + " key=... mn=HOME-ADDRESS ha=HOME-AGENT\"");
        }
        boolean out = switch (words[0]) {
            case "out" -> true;
            case "in" -> false;
            default -> throw new IllegalArgumentException("direction \"" + words[0] + "\" is not in or out");
        };
        boolean tunnel = switch (words[1]) {
            case "tunnel" -> true;
            case "transport" -> false;
            default -> throw new IllegalArgumentException("mode \"" + words[1] + "\" is not transport or tunnel");
        };
        Map<String, String> kv = new LinkedHashMap<>();
        boolean iro = false;
        boolean payload = false;
        boolean esn = false;
        for (int i = 2; i < words.length; i++) {
            if (words[i].equals("esn")) {
                esn = true;
                continue;
            }
            if (words[i].equals("payload")) {
                if (!tunnel) {
                    throw new IllegalArgumentException("payload is for tunnel mode (what the home agent tunnels)");
                }
                payload = true;
                continue;
            }
            if (words[i].equals("iro")) {
                if (tunnel) {
                    throw new IllegalArgumentException("iro is for transport mode (the tunnel carries no HAO or RH2)");
                }
                iro = true;
                continue;
            }
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("\"" + words[i] + "\" is not NAME=VALUE, iro, payload or esn");
            }
            String k = words[i].substring(0, eq);
            if (!List.of("spi", "alg", "key", "auth", "mn", "ha", "cn").contains(k)) {
                throw new IllegalArgumentException("unknown \"" + k + "\" (spi, alg, key, auth, mn, ha, cn)");
            }
            if (kv.put(k, words[i].substring(eq + 1)) != null) {
                throw new IllegalArgumentException("\"" + k + "\" twice");
            }
        }
        if (kv.containsKey("ha") == kv.containsKey("cn")) {
            throw new IllegalArgumentException("one peer: ha=HOME-AGENT or cn=CORRESPONDENT");
        }
        boolean correspondent = kv.containsKey("cn");
        if (correspondent && tunnel) {
            throw new IllegalArgumentException("an SA with a correspondent node is transport mode");
        }
        for (String k : List.of("spi", "alg", "key", "mn")) {
            if (!kv.containsKey(k)) {
                throw new IllegalArgumentException("no " + k + "=");
            }
        }
        long spi = number(kv.get("spi"));
        if (spi < 256 || spi > 0xffff_ffffL) {
            throw new IllegalArgumentException("spi " + kv.get("spi") + " is not 256..4294967295 (0-255 are reserved, RFC 4303 §2.1)");
        }
        EspAlgorithm alg = EspAlgorithm.of(kv.get("alg"));
        EspKeys keys = new EspKeys(alg, hex("key", kv.get("key")), kv.containsKey("auth") ? hex("auth", kv.get("auth")) : null);
        Ipv6Address home = address("mn", kv.get("mn"));
        Ipv6Address ha = address(correspondent ? "cn" : "ha", kv.get(correspondent ? "cn" : "ha"));
        return new SaConfig(out, tunnel, spi, keys, home, ha, iro || correspondent, correspondent, payload, esn);
    }

    /** Parses every entry (a configuration's array; an element may also hold several, comma-separated). */
    public static List<SaConfig> parseAll(String[] entries) {
        List<SaConfig> all = new ArrayList<>();
        int n = 0;
        for (String e : entries) {
            for (String one : e.split(",")) {
                if (one.isBlank()) {
                    continue;
                }
                n++;
                try {
                    SaConfig c = parse(one);
                    for (SaConfig o : all) {
                        if (o.outbound == c.outbound && o.spi == c.spi) {
                            throw new IllegalArgumentException("SPI " + String.format("0x%08x", c.spi) + " twice "
                                    + (c.outbound ? "outbound" : "inbound"));
                        }
                        if (o.outbound == c.outbound && o.tunnel == c.tunnel && o.home.equals(c.home)
                                && o.homeAgent.equals(c.homeAgent)) {
                            throw new IllegalArgumentException("a second " + (c.outbound ? "outbound " : "inbound ")
                                    + (c.tunnel ? "tunnel" : "transport") + " SA for " + c.home + " with " + c.homeAgent);
                        }
                    }
                    all.add(c);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("SA " + n + ": " + ex.getMessage(), ex);
                }
            }
        }
        return List.copyOf(all);
    }

    private static long number(String s) {
        try {
            return s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + s + "\" is not a number");
        }
    }

    private static byte[] hex(String name, String s) {
        String h = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        try {
            return HexFormat.of().parseHex(h);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not hex octets");
        }
    }

    private static Ipv6Address address(String name, String s) {
        try {
            Ipv6Address a = Ipv6Address.parse(s);
            if (a.isMulticast() || a.isUnspecified() || a.isLinkLocal()) {
                throw new IllegalArgumentException(name + " " + s + " is not a global unicast address");
            }
            return a;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() { // never the keys
        return (outbound ? "out " : "in ") + (tunnel ? "tunnel" : "transport") + String.format(" spi=0x%08x", spi)
                + " alg=" + keys.algorithm().id + " mn=" + home + (correspondent ? " cn=" : " ha=") + homeAgent
                + (iro && !correspondent ? " iro" : "") + (payload ? " payload" : "") + (esn ? " esn" : "");
    }
}
