package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.netsim.internal.engine.LinkParameters;
import org.mip6.wire.Bytes;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.pcap.PcapReader;
import org.mip6.wire.pcap.PcapRecord;

/**
 * Fragmentation and reassembly (RFC 8200 §4.5, §5), Path MTU from Packet Too Big (RFC 8201) and what
 * RFC 8200, RFC 5722 and RFC 7112 answer to fragments that are wrong, on virtual time.
 */
class FragmentationScenarioTest {

    static final MacAddress FORGER = MacAddress.parse("02:00:00:00:00:66");

    /** An echo request of 3,000 octets of data on a 1,500-octet link: sent in three fragments, reassembled, answered the same way. */
    @Test
    void aPacketLongerThanTheLinkLeavesInFragmentsAndIsReassembled(@TempDir Path dir) throws Exception {
        World w = StackScenarioTest.routerAndHost(false);
        World.Node h = w.nodes.get("h");
        World.Node r = w.nodes.get("r");
        w.net.startCapture("lan", dir.resolve("lan.pcap"));
        EchoFlow f = w.ping(h, StackScenarioTest.P1.withInterfaceId(1), 2, Duration.ofMillis(100), 1, 3000);
        w.run(Duration.ofSeconds(1));
        w.net.stopCapture("lan");
        assertEquals(2, f.received(), f.toString());
        for (World.Node n : List.of(h, r)) {
            assertEquals(2L, n.engine().packetsFragmented(), n.name);
            assertEquals(6L, n.engine().fragmentsSent(), n.name + ": 3,048 octets in pieces of 1,448 at most");
            assertEquals(2L, n.engine().packetsReassembled(), n.name);
        }
        List<Long> identifications = new ArrayList<>();
        int fragments = 0;
        for (PcapRecord rec : PcapReader.readAll(dir.resolve("lan.pcap"))) {
            assertTrue(rec.data().length <= 1514, "within the link's MTU: " + rec.data().length);
            Ipv6Packet p = PacketCodec.decodeEthernet(rec.data(), 0, rec.data().length).packet();
            if (p != null && !p.extensionHeaders().isEmpty() && p.extensionHeaders().get(0) instanceof ExtensionHeader.Fragment fh) {
                fragments++;
                if (fh.fragmentOffset() == 0) {
                    identifications.add(fh.identification());
                }
            }
        }
        assertEquals(12, fragments);
        assertEquals(4, identifications.stream().distinct().count(), "one Identification per packet: " + identifications);
        Tshark.check(dir.resolve("lan.pcap"));
    }

    /**
     * RFC 8201: a router whose next link is narrower answers Packet Too Big; the sender then sends to that
     * destination in fragments that fit (its first request is lost, as with any Path MTU discovery).
     */
    @Test
    void aPacketTooBigLowersThePathMtuAndLaterPacketsAreFragmentedToIt() {
        World w = new World(5).link(LinkParameters.ideal("wide")).link(LinkParameters.ideal("narrow").withMtu(1280));
        w.router("r", StackScenarioTest.ND, List.of("wide", "narrow"), List.of(StackScenarioTest.P1, StackScenarioTest.P2), false);
        World.Node a = w.host("a", StackScenarioTest.ND, "wide");
        World.Node b = w.host("b", StackScenarioTest.ND, "narrow");
        w.run(Duration.ofSeconds(5));
        EchoFlow f = w.ping(a, b.global(0), 3, Duration.ofMillis(100), 1, 1400);
        w.run(Duration.ofSeconds(1));
        assertEquals(2, f.received(), "the first request met the narrow link: " + f);
        assertEquals(List.of(1280L), a.errors.stream().filter(e -> e instanceof Icmpv6Message.PacketTooBig)
                .map(e -> ((Icmpv6Message.PacketTooBig) e).mtu()).toList());
        assertEquals(2L, a.engine().packetsFragmented(), "the two requests after the Packet Too Big");
        assertEquals(2L, b.engine().packetsReassembled());
        assertEquals(2L, b.engine().packetsFragmented(), "b's replies do not fit its own link");
    }

    /** An echo request from r to h as fragments cut at the given octets of what follows the unfragmentable part. */
    static List<Ipv6Packet> fragments(World w, long id, int... cuts) {
        Ipv6Packet whole = request(w, 96);
        byte[] b = PacketCodec.encode(whole);
        int from = PacketCodec.IPV6_HEADER_LENGTH;
        List<Ipv6Packet> out = new ArrayList<>();
        int[] ends = java.util.Arrays.copyOf(cuts, cuts.length + 1);
        ends[cuts.length] = b.length - from;
        int start = 0;
        for (int end : ends) {
            out.add(fragment(whole, start / 8, end < b.length - from, id, Bytes.copyOf(b, from + start, end - start)));
            start = end;
        }
        return out;
    }

    static Ipv6Packet request(World w, int dataBytes) {
        return Ipv6Packet.of(StackScenarioTest.P1.withInterfaceId(1), w.nodes.get("h").global(0), 64,
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(9, 1, Bytes.of(new byte[dataBytes]))));
    }

    static Ipv6Packet fragment(Ipv6Packet p, int offsetUnits, boolean more, long id, Bytes data) {
        return new Ipv6Packet(0, 0, 64, p.source(), p.destination(), List.of(new ExtensionHeader.Fragment(offsetUnits, more, id)),
                new Payload.Opaque(58, data));
    }

    /** Injects as r would send (r's address, another MAC: r's own frames never come back to it). */
    static void inject(World w, Ipv6Packet p) {
        StackScenarioTest.inject(w, FORGER, w.nodes.get("h").engine().mac(0), p);
    }

    @Test
    void fragmentsInAnyOrderAndAnExactDuplicateMakeOnePacket() {
        World w = StackScenarioTest.routerAndHost(false);
        World.Node h = w.nodes.get("h");
        World.Node r = w.nodes.get("r");
        List<Ipv6Packet> fs = fragments(w, 7, 48, 96);
        inject(w, fs.get(2));
        inject(w, fs.get(0));
        inject(w, fs.get(0));
        inject(w, fs.get(1));
        w.run(Duration.ofSeconds(1));
        assertEquals(1L, h.engine().packetsReassembled());
        assertEquals(1L, h.engine().drops().get(Drop.FRAGMENT_DUPLICATE), h.engine().drops().toString());
        assertEquals(1, r.log.stream().filter(("stray echo reply from " + h.global(0))::equals).count(),
                "one reply, to r: " + r.log);
    }

    /** RFC 5722: an overlap discards the whole packet and its later fragments, silently. */
    @Test
    void overlappingFragmentsDiscardTheWholePacket() {
        World w = StackScenarioTest.routerAndHost(false);
        World.Node h = w.nodes.get("h");
        Ipv6Packet whole = request(w, 96);
        byte[] b = PacketCodec.encode(whole);
        long sent = h.engine().packetsSent();
        inject(w, fragment(whole, 0, true, 8, Bytes.copyOf(b, 40, 56)));
        inject(w, fragment(whole, 6, true, 8, Bytes.copyOf(b, 88, 24))); // octets 48..72 overlap 0..56
        inject(w, fragment(whole, 9, false, 8, Bytes.copyOf(b, 112, b.length - 112)));
        w.run(Duration.ofSeconds(70));
        assertEquals(0L, h.engine().packetsReassembled());
        assertEquals(2L, h.engine().drops().get(Drop.REASSEMBLY_OVERLAP), h.engine().drops().toString());
        assertEquals(sent, h.engine().packetsSent(), "nothing answered, no Time Exceeded either");
    }

    /** RFC 8200 §4.5 and RFC 7112 §5: Parameter Problem, pointing where the fragment is wrong. */
    @Test
    void wrongFragmentsAreAnsweredWithParameterProblem() {
        World w = StackScenarioTest.routerAndHost(false);
        World.Node h = w.nodes.get("h");
        World.Node r = w.nodes.get("r");
        Ipv6Packet whole = request(w, 96);
        byte[] b = PacketCodec.encode(whole);
        inject(w, fragment(whole, 0, true, 1, Bytes.copyOf(b, 40, 13))); // not a multiple of 8 octets, more to come
        w.run(Duration.ofSeconds(1));
        inject(w, fragment(whole, 8189, false, 2, Bytes.copyOf(b, 40, 32))); // 65,512 + 32 > 65,535
        w.run(Duration.ofSeconds(1));
        // a first fragment whose Destination Options header goes on past it
        byte[] chain = {58, 20, 1, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        inject(w, new Ipv6Packet(0, 0, 64, whole.source(), whole.destination(),
                List.of(new ExtensionHeader.Fragment(0, true, 3)), new Payload.Opaque(60, Bytes.of(chain))));
        w.run(Duration.ofSeconds(1));
        inject(w, fragment(whole, 4, true, 4, Bytes.EMPTY)); // no octets: dropped, unanswered
        w.run(Duration.ofSeconds(1));
        List<String> problems = new ArrayList<>();
        for (Icmpv6Message m : r.errors) {
            if (m instanceof Icmpv6Message.ParameterProblem pp) {
                problems.add(pp.code() + "@" + pp.pointer());
            }
        }
        assertEquals(List.of("0@4", "0@42", "3@0"), problems, "Payload Length, Fragment Offset, header chain");
        assertEquals(4L, h.engine().drops().get(Drop.FRAGMENT_INVALID), h.engine().drops().toString());
        assertEquals(0, h.engine().pendingReassemblies());
    }

    /** RFC 8200 §4.5: 60 s after the first-arriving fragment; Time Exceeded code 1 only when the first fragment came. */
    @Test
    void anIncompletePacketIsAbandonedAfter60Seconds() {
        World w = StackScenarioTest.routerAndHost(false);
        World.Node h = w.nodes.get("h");
        World.Node r = w.nodes.get("r");
        List<Ipv6Packet> withFirst = fragments(w, 11, 48);
        List<Ipv6Packet> withoutFirst = fragments(w, 12, 48);
        inject(w, withFirst.get(0));
        inject(w, withoutFirst.get(1));
        w.run(Duration.ofSeconds(59));
        assertEquals(2, h.engine().pendingReassemblies());
        assertTrue(r.errors.isEmpty(), r.errors.toString());
        w.run(Duration.ofSeconds(2));
        assertEquals(0, h.engine().pendingReassemblies());
        assertEquals(2L, h.engine().drops().get(Drop.REASSEMBLY_TIMEOUT));
        assertEquals(1, r.errors.size(), r.errors.toString());
        Icmpv6Message.TimeExceeded te = (Icmpv6Message.TimeExceeded) r.errors.get(0);
        assertEquals(1, te.code(), "fragment reassembly time exceeded");
        byte[] quoted = te.invokingPacket().toArray();
        assertEquals(44, quoted[6], "it quotes the first fragment");
    }
    /** Packets under way when the link their first fragment came over goes down are abandoned (their timers went with it). */
    @Test
    void reassemblyUnderWayIsAbandonedWhenTheLinkGoesDown() {
        World w = StackScenarioTest.routerAndHost(false);
        World.Node h = w.nodes.get("h");
        inject(w, fragments(w, 21, 48).get(0));
        w.run(Duration.ofSeconds(1));
        assertEquals(1, h.engine().pendingReassemblies());
        w.net.detach(w.net.ports().stream().filter(p -> p.name().equals("h.eth0")).findFirst().orElseThrow());
        w.run(Duration.ofSeconds(1));
        assertEquals(0, h.engine().pendingReassemblies());
        assertEquals(1L, h.engine().drops().get(Drop.REASSEMBLY_ABANDONED), h.engine().drops().toString());
    }
    /** RFC 6980 §5: Neighbor Discovery that came in fragments is discarded once reassembled, and never answered. */
    @Test
    void neighbourDiscoveryInFragmentsIsDiscarded() {
        World w = StackScenarioTest.routerAndHost(false);
        World.Node h = w.nodes.get("h");
        Ipv6Packet ns = Ipv6Packet.of(StackScenarioTest.P1.withInterfaceId(1), h.global(0), 255, new Payload.Icmpv6(
                new Icmpv6Message.NeighborSolicitation(h.global(0), List.of(new org.mip6.wire.icmp.NdOption.SourceLinkLayerAddress(FORGER)))));
        byte[] b = PacketCodec.encode(ns);
        long sent = h.engine().packetsSent();
        inject(w, fragment(ns, 0, true, 31, Bytes.copyOf(b, 40, 16)).withHopLimit255());
        inject(w, fragment(ns, 2, false, 31, Bytes.copyOf(b, 56, b.length - 56)).withHopLimit255());
        w.run(Duration.ofSeconds(1));
        assertEquals(1L, h.engine().drops().get(Drop.ND_FRAGMENTED), h.engine().drops().toString());
        assertEquals(0L, h.engine().packetsReassembled());
        assertEquals(sent, h.engine().packetsSent(), "no Neighbor Advertisement");
    }
    /** Debian's python3-scapy lives under the system python, whatever python3 is first on PATH; null without Scapy. */
    static String scapyPython() {
        for (String py : List.of("/usr/bin/python3", "python3")) {
            try {
                if (new ProcessBuilder(py, "-c", "import scapy.all").start().waitFor() == 0) {
                    return py;
                }
            } catch (Exception e) {
                // try the next
            }
        }
        return null;
    }

    static String python(String py, String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(py, "-c", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }

    /**
     * Against an implementation nobody here wrote: Scapy's {@code fragment6} cuts an echo request of 2,000
     * octets for h into pieces of at most 1,280; h reassembles it and answers in fragments of its own, which
     * Scapy's {@code defragment6} puts together into the echo reply with the request's data and a right checksum.
     */
    @Test
    void scapysFragmentsAreReassembledAndScapyReassemblesTheAnswer(@TempDir Path dir) throws Exception {
        String py = scapyPython();
        org.junit.jupiter.api.Assumptions.assumeTrue(py != null,
                "Scapy not installed: skipping the Scapy cross-check (apt-get install python3-scapy; CI has it)");
        World w = StackScenarioTest.routerAndHost(false);
        World.Node h = w.nodes.get("h");
        String fragments = python(py, String.join("\n",
                "import sys",
                "from scapy.all import IPv6, IPv6ExtHdrFragment, ICMPv6EchoRequest, fragment6, raw",
                "p = IPv6(src=sys.argv[1], dst=sys.argv[2]) / IPv6ExtHdrFragment(id=0x1234) / "
                        + "ICMPv6EchoRequest(id=5, seq=1, data=bytes(range(256)) * 7 + bytes(208))",
                "for f in fragment6(p, 1280):",
                "    print(raw(f).hex())"), StackScenarioTest.P1.withInterfaceId(1).toString(), h.global(0).toString());
        w.net.startCapture("lan", dir.resolve("lan.pcap"));
        int count = 0;
        for (String hex : fragments.lines().toList()) {
            byte[] ip = java.util.HexFormat.of().parseHex(hex);
            byte[] frame = new byte[PacketCodec.ETHERNET_HEADER_LENGTH + ip.length];
            h.engine().mac(0).write(frame, 0);
            FORGER.write(frame, 6);
            frame[12] = (byte) 0x86;
            frame[13] = (byte) 0xdd;
            System.arraycopy(ip, 0, frame, PacketCodec.ETHERNET_HEADER_LENGTH, ip.length);
            w.net.link("lan").inject(frame);
            count++;
        }
        w.run(Duration.ofSeconds(1));
        w.net.stopCapture("lan");
        assertEquals(2, count, "2,048 octets in pieces of at most 1,280");
        assertEquals(1L, h.engine().packetsReassembled());
        assertEquals(1L, h.engine().packetsFragmented(), "the reply, 2,048 octets on a 1,500-octet link");
        String reply = python(py, String.join("\n",
                "import sys",
                "from scapy.all import rdpcap, IPv6, IPv6ExtHdrFragment, ICMPv6EchoReply, defragment6, raw",
                "fs = [p[IPv6] for p in rdpcap(sys.argv[1]) if IPv6ExtHdrFragment in p and p[IPv6].src == sys.argv[2]]",
                "r = IPv6(raw(defragment6(fs)))",
                "e = r[ICMPv6EchoReply]",
                "c = e.cksum",
                "del e.cksum",
                "ok = IPv6(raw(r))[ICMPv6EchoReply].cksum == c",
                "print(len(fs), e.id, e.seq, len(e.data), e.data == bytes(range(256)) * 7 + bytes(208), ok)"),
                dir.resolve("lan.pcap").toString(), h.global(0).toString());
        assertEquals("2 5 1 2000 True True", reply, "fragments, identifier, sequence, data length, data, checksum");
        Tshark.check(dir.resolve("lan.pcap"));
    }
}
