package org.mip6.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mip6.wire.Vectors.COA;
import static org.mip6.wire.Vectors.CN;
import static org.mip6.wire.Vectors.HA;
import static org.mip6.wire.Vectors.HA_ANYCAST;
import static org.mip6.wire.Vectors.HOA;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.wire.ExtensionHeader.DestinationOptions;
import org.mip6.wire.ExtensionHeader.Type2RoutingHeader;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.icmp.NdOption;
import org.mip6.wire.mh.MobilityMessage;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityOption;
import org.mip6.wire.pcap.PcapRecord;
import org.mip6.wire.pcap.PcapWriter;

/** Frames Scapy builds decode to the values Scapy put in; Scapy recomputes our checksums (MH included) bit for bit. */
class ScapyCrossCheckTest {

    @TempDir
    static Path dir;
    static String python;
    static Path script;

    @BeforeAll
    static void findScapy() throws Exception {
        python = ExternalTools.scapyPython();
        script = dir.resolve("scapy_cross_check.py");
        try (InputStream in = ScapyCrossCheckTest.class.getResourceAsStream("/scapy_cross_check.py")) {
            Files.copy(in, script);
        }
    }

    @Test
    void scapyRecomputesEveryChecksumWeWrote() throws Exception {
        Path pcap = dir.resolve("vectors.pcap");
        List<Vectors.Vector> vectors = Vectors.all();
        try (PcapWriter w = PcapWriter.create(pcap, PcapRecord.LINKTYPE_ETHERNET)) {
            for (Vectors.Vector v : vectors) {
                w.write(0, PacketCodec.encodeEthernet(v.frame()));
            }
        }
        var r = ExternalTools.run(List.of(python, script.toString(), "checksums", pcap.toString()));
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(vectors.size(), lines.length, r.out());
        for (int i = 0; i < lines.length; i++) {
            assertEquals((i + 1) + "\tok", lines[i], vectors.get(i).name());
        }
    }

    @Test
    void framesBuiltByScapyDecodeToItsValues() throws Exception {
        var r = ExternalTools.run(List.of(python, script.toString(), "build"));
        assertEquals(0, r.exit(), r.err());
        Map<String, Ipv6Packet> want = expected();
        int n = 0;
        for (String line : r.out().strip().split("\n")) {
            String[] f = line.split("\t");
            byte[] b = Bytes.fromHex(f[1]).toArray();
            EthernetFrame frame = PacketCodec.decodeEthernet(b, 0, b.length);
            assertEquals(want.get(f[0]), frame.packet(), f[0]);
            n++;
        }
        assertEquals(want.size(), n);
    }

    static Ipv6Packet p(Ipv6Address s, Ipv6Address d, List<ExtensionHeader> ext, Payload pl) {
        return new Ipv6Packet(0, 0, 64, s, d, ext, pl);
    }

    static Map<String, Ipv6Packet> expected() {
        var hao = List.<ExtensionHeader>of(DestinationOptions.homeAddress(HOA));
        var rh2 = List.<ExtensionHeader>of(new Type2RoutingHeader(HOA));
        Map<String, Ipv6Packet> m = new HashMap<>();
        m.put("bu", p(COA, HA, hao, new Payload.Mobility(new BindingUpdate(4660, BindingUpdate.A | BindingUpdate.H, 300,
                List.of(new MobilityOption.AlternateCareOfAddress(COA))))));
        m.put("bu-rr", p(COA, CN, hao, new Payload.Mobility(new BindingUpdate(2, BindingUpdate.A, 105,
                List.of(new MobilityOption.NonceIndices(7, 8),
                        new MobilityOption.BindingAuthorizationData(Bytes.of(Vectors.AUTHENTICATOR)))))));
        m.put("ba", p(HA, COA, rh2, new Payload.Mobility(new MobilityMessage.BindingAcknowledgement(0, 0, 4660, 300,
                List.of(new MobilityOption.BindingRefreshAdvice(75))))));
        m.put("brr", p(CN, HOA, List.of(), new Payload.Mobility(new MobilityMessage.BindingRefreshRequest())));
        m.put("hoti", p(HOA, CN, List.of(), new Payload.Mobility(new MobilityMessage.HomeTestInit(0x1122334455667788L))));
        m.put("coti", p(COA, CN, List.of(), new Payload.Mobility(new MobilityMessage.CareOfTestInit(0x8877665544332211L))));
        m.put("hot", p(CN, HOA, List.of(), new Payload.Mobility(new MobilityMessage.HomeTest(7, 0x1122334455667788L, 0xb62e649990b1ed29L))));
        m.put("cot", p(CN, COA, List.of(), new Payload.Mobility(new MobilityMessage.CareOfTest(8, 0x8877665544332211L, 0x385bb8b9bdef875fL))));
        m.put("be", p(CN, COA, List.of(), new Payload.Mobility(new MobilityMessage.BindingError(2, HOA))));
        m.put("dhaad-request", p(COA, HA_ANYCAST, List.of(), new Payload.Icmpv6(new Icmpv6Message.DhaadRequest(0x1234, false))));
        m.put("dhaad-reply", p(HA, COA, List.of(), new Payload.Icmpv6(new Icmpv6Message.DhaadReply(0x1234, false,
                List.of(HA, Ipv6Address.parse("2001:db8:1::2"))))));
        m.put("mps", p(COA, HA, hao, new Payload.Icmpv6(new Icmpv6Message.MobilePrefixSolicitation(0x4321))));
        m.put("mpa", p(HA, COA, rh2, new Payload.Icmpv6(new Icmpv6Message.MobilePrefixAdvertisement(0x4321, false, false,
                List.of(NdOption.PrefixInformation.of(Ipv6Prefix.parse("2001:db8:1::/64"), true, true, 86400, 14400))))));
        m.put("ra", new Ipv6Packet(0, 0, 255, Ipv6Address.parse("fe80::2"), Ipv6Address.ALL_NODES, List.of(),
                new Payload.Icmpv6(new Icmpv6Message.RouterAdvertisement(64, Icmpv6Message.RouterAdvertisement.H, 1800, 0, 0,
                        List.of(new NdOption.SourceLinkLayerAddress(Vectors.MAC_RTR),
                                new NdOption.PrefixInformation(64, true, true, true, 2592000, 604800, HA),
                                new NdOption.AdvertisementInterval(70),
                                new NdOption.HomeAgentInformation(false, 10, 1800))))));
        m.put("echo-tunnelled", p(HA, COA, List.of(), new Payload.Tunnel(p(CN, HOA, List.of(),
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(0x77, 1, Bytes.of("mip6".getBytes())))))));
        m.put("udp-hao", p(COA, CN, hao, new Payload.Udp(40000, 9, Bytes.of(new byte[] {0, 1}))));
        return m;
    }
}
