package org.mip6.wire.text;

import java.util.List;
import java.util.Map;

/** The one-line form of a frame's description ({@link FrameDescriber#line}): tshark-like, what the frame is, then its defect. */
final class FrameLine {

    private FrameLine() {
    }

    /** A terse one-line summary of a description made by {@link FrameDescriber#describe}. */
    @SuppressWarnings("unchecked")
    static String of(Map<String, Object> d) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%5d %s ", (Integer) d.get("frame"), d.get("time")));
        if (d.containsKey("link")) {
            sb.append(d.get("link")).append(' '); // mip6:trace: the link the frame was on
        }
        if (d.get("vlan") instanceof List<?> tags) { // QinQ as outer/inner
            sb.append("VLAN ").append(String.join("/", tags.stream().map(t -> String.valueOf(((Map<?, ?>) t).get("id"))).toList())).append(' ');
        }
        if (d.get("pppoe") instanceof Integer session) {
            sb.append(String.format("PPPoE 0x%04x ", session));
        }
        if (d.containsKey("error") && !d.containsKey("src")) {
            return sb.append(defect((Map<String, Object>) d.get("error"))).toString();
        }
        if (d.containsKey("etherType")) {
            return sb.append("EtherType ").append(d.get("etherType")).toString();
        }
        if (d.containsKey("ipVersion")) {
            return sb.append("IPv").append(d.get("ipVersion")).toString();
        }
        if (d.containsKey("pppProtocol")) {
            return sb.append("PPP protocol ").append(d.get("pppProtocol")).toString();
        }
        if (d.containsKey("nlpid")) {
            return sb.append("NLPID ").append(d.get("nlpid")).toString();
        }
        if (d.containsKey("addressFamily")) {
            return sb.append("address family ").append(d.get("addressFamily")).toString();
        }
        if (d.containsKey("wlan")) {
            return sb.append("802.11 ").append(d.get("wlan")).toString();
        }
        sb.append(d.get("src")).append(" → ").append(d.get("dst"));
        if (d.containsKey("hao")) {
            sb.append(" HAO ").append(d.get("hao"));
        }
        if (d.containsKey("rh2")) {
            sb.append(" RH2 ").append(d.get("rh2"));
        }
        if (d.get("routing") instanceof Map<?, ?> rt) {
            sb.append(" RH type ").append(rt.get("type")).append(" segleft ").append(rt.get("segmentsLeft"));
        }
        if (d.containsKey("jumbo")) { // RFC 2675
            sb.append(" jumbogram ").append(d.get("jumbo"));
        }
        if (d.get("ah") instanceof List<?> ahs) {
            for (Object a : ahs) {
                Map<?, ?> ah = (Map<?, ?>) a;
                sb.append(" AH spi=").append(ah.get("spi")).append(" seq=").append(ah.get("seq"));
            }
        }
        if (d.containsKey("tunnel")) {
            Map<String, Object> t = (Map<String, Object>) d.get("tunnel");
            sb.append(" [tunnel ").append(t.get("src")).append(" → ").append(t.get("dst"));
            if (t.containsKey("hao")) {
                sb.append(" HAO ").append(t.get("hao"));
            }
            sb.append(']');
        }
        if (d.containsKey("mh")) {
            Map<String, Object> mh = (Map<String, Object>) d.get("mh");
            sb.append(" MH ").append(mh.get("name"));
            if (mh.containsKey("protocol")) { // a draft-era Mobility Header (protocol 62)
                sb.append(" (protocol ").append(mh.get("protocol")).append(')');
            }
            if (mh.containsKey("malformed") && !mh.containsKey("extension")) {
                sb.append(" malformed: ").append(mh.get("malformed"));
            }
            if (mh.containsKey("extension")) { // a deployed codec's fields, in its order
                mh.forEach((k, v) -> {
                    if (!List.of("type", "name", "options", "body", "extension").contains(k)) {
                        sb.append(' ').append(k).append('=').append(v);
                    }
                });
            }
            for (String k : List.of("status", "seq", "flags", "lifetime", "nonceIndex", "cookie", "token", "homeAddress")) {
                if (mh.containsKey(k) && !mh.containsKey("extension")) {
                    sb.append(' ').append(k).append('=').append(mh.get(k)).append(k.equals("lifetime") ? "s" : "");
                }
            }
            for (Object o : (List<Object>) mh.get("options")) {
                Map<String, Object> x = (Map<String, Object>) o;
                sb.append(" [").append(x.getOrDefault("name", "option " + x.get("type")));
                boolean extension = x.containsKey("extension"); // a deployed codec's fields say it all
                x.forEach((k, v) -> {
                    if (!k.equals("type") && !k.equals("name") && !k.equals("extension") && !(extension && k.equals("data"))) {
                        sb.append(' ').append(k).append('=').append(v);
                    }
                });
                sb.append(']');
            }
        } else if (d.containsKey("icmpv6")) {
            Map<String, Object> ic = (Map<String, Object>) d.get("icmpv6");
            sb.append(" ICMPv6 ").append(ic.get("name"));
            ic.forEach((k, v) -> {
                if (k.equals("records")) { // MLDv2: [CHANGE_TO_EXCLUDE_MODE ff02::2, MODE_IS_INCLUDE ff02::1:ff00:1 2001:db8::1]
                    sb.append(" records=[").append(String.join(", ", ((List<?>) v).stream().map(r -> {
                        Map<?, ?> x = (Map<?, ?>) r;
                        List<?> sources = (List<?>) x.get("sources");
                        return x.get("name") + " " + x.get("group") + (sources.isEmpty() ? "" : " " + String.join(" ",
                                sources.stream().map(String::valueOf).toList()));
                    }).toList())).append(']');
                } else if (!k.equals("type") && !k.equals("name") && !(k.equals("code") && Integer.valueOf(0).equals(v))) {
                    sb.append(' ').append(k).append('=').append(v);
                }
            });
        } else if (d.containsKey("udp")) {
            Map<String, Object> u = (Map<String, Object>) d.get("udp");
            sb.append(" UDP ").append(u.get("srcPort")).append(" → ").append(u.get("dstPort"))
                    .append(" len=").append(u.get("length"));
        } else if (d.containsKey("tcp")) {
            Map<String, Object> t = (Map<String, Object>) d.get("tcp");
            sb.append(" TCP ").append(t.get("srcPort")).append(" → ").append(t.get("dstPort"))
                    .append(" [").append(String.join(", ", ((String) t.get("flags")).split(","))).append("] seq=")
                    .append(t.get("seq")).append(" ack=").append(t.get("ack")).append(" win=").append(t.get("window"))
                    .append(" len=").append(t.get("length"));
        } else if (d.containsKey("esp")) {
            sb.append(" ESP ").append(d.get("esp"));
        } else if (d.containsKey("nextHeader")) {
            sb.append(" next header ").append(d.get("nextHeader"));
        }
        if (d.containsKey("error")) {
            sb.append("  ").append(defect((Map<String, Object>) d.get("error")));
        }
        return sb.toString();
    }

    /** The defect of a frame: reason, where, and what was found against what was expected or captured. */
    private static String defect(Map<String, Object> e) {
        StringBuilder sb = new StringBuilder("ERROR ").append(e.get("reason")).append(" at offset ").append(e.get("offset"));
        if (e.containsKey("expected")) {
            sb.append(" (checksum ").append(e.get("received")).append(", expected ").append(e.get("expected"));
            sb.append(Boolean.TRUE.equals(e.get("offload")) ? ": the pseudo-header's sum alone, a sender's checksum offload)" : ")");
        } else if (e.containsKey("received")) {
            sb.append(" (checksum ").append(e.get("received")).append(')');
        }
        if (e.containsKey("captured")) {
            sb.append(" (captured ").append(e.get("captured")).append(" of ").append(e.get("original")).append(" bytes)");
        }
        return sb.append(": ").append(e.get("detail")).toString();
    }
}
