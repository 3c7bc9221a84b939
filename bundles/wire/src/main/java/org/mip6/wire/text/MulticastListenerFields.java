package org.mip6.wire.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.icmp.Icmpv6Message.UnknownIcmpv6;
import org.mip6.wire.icmp.MulticastListenerMessage;

/**
 * The fields of Multicast Listener Discovery messages, which the codecs keep as unknown ICMPv6, shown as far as they
 * go (MulticastListenerMessage reads only whole ones): queries
 * (type 130, MLDv1 when 24 bytes long, RFC 2710 §3; MLDv2 from 28, RFC 3810 §5.1), MLDv1 Reports and Dones
 * (131, 132) and MLDv2 Reports with their Multicast Address Records (143, §5.2). A message too short for
 * its fields shows none; records are read as far as they fit ({@code truncated} when one does not).
 */
final class MulticastListenerFields {

    /** Record Type names (RFC 3810 §5.2.12, MulticastListenerMessage.AddressRecord's numbers). */
    private static final String[] RECORD_TYPES = {"", "MODE_IS_INCLUDE", "MODE_IS_EXCLUDE", "CHANGE_TO_INCLUDE_MODE",
        "CHANGE_TO_EXCLUDE_MODE", "ALLOW_NEW_SOURCES", "BLOCK_OLD_SOURCES"};

    private MulticastListenerFields() {
    }

    /** Whether {@code type} is an MLD message this class describes. */
    static boolean describes(int type) {
        return MulticastListenerMessage.isMulticastListenerType(type);
    }

    static void describe(UnknownIcmpv6 u, Map<String, Object> m) {
        byte[] b = u.body().toArray(); // after Type, Code, Checksum
        switch (u.type()) {
            case 130 -> {
                if (b.length == 20) {
                    m.put("version", 1);
                    m.put("maxResponseDelay", u16(b, 0));
                    m.put("group", Ipv6Address.read(b, 4).toString());
                } else if (b.length >= 24) {
                    int code = u16(b, 0);
                    m.put("version", 2);
                    // §5.1.3: below 32768 the delay itself, else a floating-point value
                    m.put("maxResponseDelay", MulticastListenerMessage.maximumResponseDelayMillis(code));
                    m.put("group", Ipv6Address.read(b, 4).toString());
                    m.put("s", b[20] >>> 3 & 1);
                    m.put("qrv", b[20] & 7);
                    m.put("qqic", b[21] & 0xff);
                    m.put("sources", addresses(b, 24, u16(b, 22), m));
                }
            }
            case 131, 132 -> {
                if (b.length >= 20) {
                    m.put("maxResponseDelay", u16(b, 0)); // zero as sent (RFC 2710 §3.4), shown as analysers show it
                    m.put("group", Ipv6Address.read(b, 4).toString());
                }
            }
            default -> { // 143
                if (b.length < 4) {
                    return;
                }
                List<Object> records = new ArrayList<>();
                int n = u16(b, 2);
                int at = 4;
                for (int k = 0; k < n; k++) {
                    if (at + 20 > b.length) {
                        m.put("truncated", true);
                        break;
                    }
                    int type = b[at] & 0xff;
                    int sources = u16(b, at + 2);
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("type", type);
                    r.put("name", type < RECORD_TYPES.length && type > 0 ? RECORD_TYPES[type] : "type " + type);
                    r.put("group", Ipv6Address.read(b, at + 4).toString());
                    r.put("sources", addresses(b, at + 20, sources, m));
                    records.add(r);
                    at += 20 + 16 * sources + 4 * (b[at + 1] & 0xff); // Aux Data Len in 32-bit words
                }
                m.put("records", records);
            }
        }
    }

    private static List<String> addresses(byte[] b, int from, int count, Map<String, Object> m) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            if (from + 16 * (k + 1) > b.length) {
                m.put("truncated", true);
                break;
            }
            out.add(Ipv6Address.read(b, from + 16 * k).toString());
        }
        return out;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }
}
