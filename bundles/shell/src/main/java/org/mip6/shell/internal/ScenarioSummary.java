package org.mip6.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mip6.world.TrafficStats;

/**
 * What a scenario run saw: signalling messages by type (each packet once, however many links it
 * crossed), the registration times {@code mip6:move}/{@code mip6:home} reported, the swap pauses
 * {@code mip6:swap} reported, the gaps in the echo replies (handovers, outages); the traffic's totals come
 * from the world at the end.
 */
final class ScenarioSummary {

    private static final Pattern AFTER_MOVE = Pattern.compile("^(\\S+) (?:moved to|is home on) (\\S+?):(?:.* registered with (\\S+) )?"
            + ".* ([\\d.]+) s after the move$", Pattern.MULTILINE);
    private static final Pattern SWAP = Pattern.compile("^(?:swapped (\\S+) .*|swap of (\\S+) .*failed.*); (?:no messages held|"
            + "(\\d+) messages held meanwhile, for up to ([\\d.]+) ms)$", Pattern.MULTILINE);
    /** Packets already counted: a hash of the innermost IPv6 packet without its hop limit, the last 4096. */
    private final Map<Long, Boolean> recent = new LinkedHashMap<>(4096, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > 4096;
        }
    };
    private final Map<String, Long> messages = new TreeMap<>();
    /** Looks inside ESP with the world's SAs: the signalling between a mobile node and its home agent is in it. */
    private final EspFrames esp = new EspFrames();
    private long espOpened;
    private final List<String> registrations = new ArrayList<>();
    private final List<String> swaps = new ArrayList<>();
    /** When echo replies were first seen, by the address they went to (the flow's source). */
    private final Map<String, List<Long>> replies = new TreeMap<>();

    /** A frame on a link (the world's thread). */
    synchronized void frame(String link, long nanos, byte[] f) {
        EspFrames.Opened opened = esp.open(f);
        if (opened != null) {
            f = opened.frame(); // counted by what it carries
        }
        int ip = 14;
        if (f.length < ip + 40 || (f[12] & 0xff) != 0x86 || (f[13] & 0xff) != 0xdd) {
            return;
        }
        while ((f[ip + 6] & 0xff) == 41 && f.length >= ip + 80) {
            ip += 40; // IPv6-in-IPv6: the message is the inner packet, counted once whether tunnelled or not
        }
        int next = f[ip + 6] & 0xff;
        if (echoReply(f, ip)) {
            if (firstSighting(f, ip)) { // its first link: when it was answered
                replies.computeIfAbsent(org.mip6.net.Ipv6Address.read(f, ip + 24).toString(), d -> new ArrayList<>()).add(nanos);
            }
            return;
        }
        String type = switch (next) {
            case 135 -> "MH " + org.mip6.wire.mh.MobilityHeaderCodec.typeName(f.length > ip + 42 ? f[ip + 42] & 0xff : -1);
            case 58 -> icmp(f.length > ip + 40 ? f[ip + 40] & 0xff : -1);
            default -> null; // data, or a header this summary does not look behind (HAO/RH2 packets below)
        };
        if (type == null && (next == 60 || next == 43)) {
            type = behindExtensionHeaders(f, ip);
        }
        if (type == null) {
            return;
        }
        if (firstSighting(f, ip)) {
            messages.merge(type, 1L, Long::sum);
            if (opened != null) {
                espOpened++;
            }
        }
    }

    /** Whether the IPv6 packet at {@code ip} is seen for the first time (not on an earlier link). */
    private boolean firstSighting(byte[] f, int ip) {
        byte[] packet = Arrays.copyOfRange(f, ip, f.length);
        packet[7] = 0; // the hop limit changes on every hop
        long key = (long) Arrays.hashCode(packet) << 32 | packet.length;
        return recent.put(key, Boolean.TRUE) == null;
    }

    /** An ICMPv6 Echo Reply or a UDP datagram from the echo port: traffic of mip6:traffic coming back. */
    private static boolean echoReply(byte[] f, int ip) {
        long u = upperLayer(f, ip, 2);
        int next = (int) (u >>> 32);
        int at = (int) u;
        return u >= 0 && (next == 58 && (f[at] & 0xff) == 129 || next == 17 && ((f[at] & 0xff) << 8 | f[at + 1] & 0xff) == 7);
    }

    /** A Destination Options / Routing header chain (HAO, RH2) before the MH or ICMPv6 message. */
    private static String behindExtensionHeaders(byte[] f, int ip) {
        long u = upperLayer(f, ip, 3);
        if (u < 0) {
            return null;
        }
        int at = (int) u;
        return switch ((int) (u >>> 32)) {
            case 135 -> "MH " + org.mip6.wire.mh.MobilityHeaderCodec.typeName(f[at + 2] & 0xff);
            case 58 -> icmp(f[at] & 0xff);
            default -> null;
        };
    }

    /**
     * The upper-layer header after the IPv6 header at {@code ip} and its Destination Options / Routing
     * headers (HAO, RH2): its protocol in the high 32 bits and its offset in the low ones, or -1 when fewer
     * than {@code need} octets of it were captured.
     */
    private static long upperLayer(byte[] f, int ip, int need) {
        int next = f[ip + 6] & 0xff;
        int at = ip + 40;
        for (int k = 0; k < 4 && (next == 60 || next == 43) && at + 8 <= f.length; k++) {
            int nh = f[at] & 0xff;
            at += 8 * ((f[at + 1] & 0xff) + 1);
            next = nh;
        }
        return at + need > f.length ? -1 : (long) next << 32 | at;
    }

    /** ICMPv6 signalling by name; echoes are traffic, not signalling. */
    private static String icmp(int type) {
        if (type < 0 || type == 128 || type == 129) {
            return null;
        }
        return "ICMPv6 " + org.mip6.wire.icmp.Icmpv6Codec.typeName(type);
    }

    /** What a step printed: registration times and swap pauses. */
    synchronized void output(String command, String output) {
        Matcher m = AFTER_MOVE.matcher(output);
        while (m.find()) {
            registrations.add(m.group(1) + " -> " + m.group(2) + (m.group(3) == null ? "" : " with " + m.group(3))
                    + " " + m.group(4) + " s");
        }
        Matcher s = SWAP.matcher(output);
        while (s.find()) {
            String bundle = s.group(1) != null ? s.group(1) : s.group(2);
            swaps.add(bundle + (s.group(3) == null ? " (nothing held)" : " " + s.group(4) + " ms (" + s.group(3) + " held)")
                    + (s.group(2) != null ? " rolled back" : ""));
        }
    }

    /**
     * The traffic's gaps: for each address echoes came back to, the intervals without a reply longer than
     * three times the usual (median) spacing, with when they began (world clock from {@code start}).
     */
    synchronized List<String> gaps(long start) {
        List<String> l = new ArrayList<>();
        replies.forEach((to, times) -> {
            if (times.size() < 3) {
                return;
            }
            long[] d = new long[times.size() - 1];
            for (int i = 1; i < times.size(); i++) {
                d[i - 1] = times.get(i) - times.get(i - 1);
            }
            long[] sorted = d.clone();
            Arrays.sort(sorted);
            long usual = sorted[sorted.length / 2];
            for (int i = 0; i < d.length; i++) {
                if (d[i] > 3 * usual) {
                    l.add(String.format(java.util.Locale.ROOT, "%s %.3f s at %.3f s", to, d[i] / 1e9,
                            (times.get(i) - start) / 1e9));
                }
            }
        });
        return l;
    }

    synchronized void print(PrintStream out, List<TrafficStats> flows, long start) {
        StringBuilder m = new StringBuilder();
        messages.forEach((k, v) -> m.append(m.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
        out.println("messages: " + (m.isEmpty() ? "none" : m) + (espOpened == 0 ? ""
                : " (" + espOpened + " of them in ESP, opened with the world's SAs)"));
        out.println("registrations after a move: " + (registrations.isEmpty() ? "none" : String.join(", ", registrations)));
        long sent = 0;
        long received = 0;
        long lost = 0;
        for (TrafficStats t : flows) {
            sent += t.sent();
            received += t.received();
            lost += t.lost();
        }
        out.println("traffic: " + flows.size() + " flows, " + sent + " sent, " + received + " received, " + lost + " lost");
        List<String> gaps = gaps(start);
        out.println("traffic gaps (no reply for over 3 × the usual spacing): " + (gaps.isEmpty() ? "none" : String.join(", ", gaps)));
        out.println("swap pauses: " + (swaps.isEmpty() ? "none" : String.join(", ", swaps)));
    }
}
