package org.mip6.wire;

import java.util.ArrayList;
import java.util.List;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.net.MacAddress;
import org.mip6.wire.ExtensionHeader.DestinationOptions;
import org.mip6.wire.ExtensionHeader.Type2RoutingHeader;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.icmp.Icmpv6Message.DhaadReply;
import org.mip6.wire.icmp.Icmpv6Message.DhaadRequest;
import org.mip6.wire.icmp.Icmpv6Message.EchoReply;
import org.mip6.wire.icmp.Icmpv6Message.EchoRequest;
import org.mip6.wire.icmp.Icmpv6Message.MobilePrefixAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.MobilePrefixSolicitation;
import org.mip6.wire.icmp.Icmpv6Message.NeighborAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.NeighborSolicitation;
import org.mip6.wire.icmp.Icmpv6Message.RouterAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.RouterSolicitation;
import org.mip6.wire.icmp.NdOption;
import org.mip6.wire.mh.MobilityMessage;
import org.mip6.wire.mh.MobilityMessage.BindingAcknowledgement;
import org.mip6.wire.mh.MobilityMessage.BindingError;
import org.mip6.wire.mh.MobilityMessage.BindingRefreshRequest;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityMessage.CareOfTest;
import org.mip6.wire.mh.MobilityMessage.CareOfTestInit;
import org.mip6.wire.mh.MobilityMessage.HomeTest;
import org.mip6.wire.mh.MobilityMessage.HomeTestInit;
import org.mip6.wire.mh.MobilityMessage.UnknownMobilityMessage;
import org.mip6.wire.mh.MobilityOption;

/** Named frames of the MIPv6 world used by the codec tests, as records; {@link StaticVectors} pins their bytes. */
public final class Vectors {

    public static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    public static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::100");
    public static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::100");
    public static final Ipv6Address CN = Ipv6Address.parse("2001:db8:3::3");
    public static final Ipv6Address AR = Ipv6Address.parse("fe80::2");
    public static final Ipv6Address HA_ANYCAST = Ipv6Prefix.parse("2001:db8:1::/64").homeAgentsAnycast();
    public static final MacAddress MAC_MN = MacAddress.parse("02:00:00:00:01:00");
    public static final MacAddress MAC_RTR = MacAddress.parse("02:00:00:00:00:02");

    public record Vector(String name, EthernetFrame frame) {
    }

    private Vectors() {
    }

    static Ipv6Packet pkt(Ipv6Address src, Ipv6Address dst, List<ExtensionHeader> ext, Payload p) {
        return new Ipv6Packet(0, 0, 64, src, dst, ext, p);
    }

    static EthernetFrame eth(Ipv6Packet p) {
        return EthernetFrame.ipv6(MAC_RTR, MAC_MN, p);
    }

    static Payload mh(MobilityMessage m) {
        return new Payload.Mobility(m);
    }

    static Payload icmp(Icmpv6Message m) {
        return new Payload.Icmpv6(m);
    }

    static List<ExtensionHeader> hao() {
        return List.of(DestinationOptions.homeAddress(HOA));
    }

    static List<ExtensionHeader> rh2() {
        return List.of(new Type2RoutingHeader(HOA));
    }

    public static final byte[] AUTHENTICATOR = Bytes.fromHex("0064da8f2fb3cdef5278ac10").toArray();

    public static List<Vector> all() {
        List<Vector> v = new ArrayList<>();
        v.add(new Vector("bu-hao-altcoa", eth(pkt(COA, HA, hao(), mh(new BindingUpdate(1,
                BindingUpdate.A | BindingUpdate.H | BindingUpdate.L, 150,
                List.of(new MobilityOption.AlternateCareOfAddress(COA))))))));
        v.add(new Vector("ba-rh2-bra", eth(pkt(HA, COA, rh2(), mh(new BindingAcknowledgement(0, 0, 1, 150,
                List.of(new MobilityOption.BindingRefreshAdvice(75))))))));
        v.add(new Vector("brr", eth(pkt(CN, HOA, List.of(), mh(new BindingRefreshRequest())))));
        v.add(new Vector("hoti", eth(pkt(HOA, CN, List.of(), mh(new HomeTestInit(0x1122334455667788L))))));
        v.add(new Vector("coti", eth(pkt(COA, CN, List.of(), mh(new CareOfTestInit(0x8877665544332211L))))));
        v.add(new Vector("hot", eth(pkt(CN, HOA, List.of(), mh(new HomeTest(7, 0x1122334455667788L, 0xb62e649990b1ed29L))))));
        v.add(new Vector("cot", eth(pkt(CN, COA, List.of(), mh(new CareOfTest(8, 0x8877665544332211L, 0x385bb8b9bdef875fL))))));
        v.add(new Vector("bu-cn-rr", eth(pkt(COA, CN, hao(), mh(new BindingUpdate(2, BindingUpdate.A, 105,
                List.of(new MobilityOption.NonceIndices(7, 8),
                        new MobilityOption.BindingAuthorizationData(Bytes.of(AUTHENTICATOR)))))))));
        v.add(new Vector("ba-135", eth(pkt(HA, COA, rh2(), mh(new BindingAcknowledgement(135, BindingAcknowledgement.K, 9, 0,
                List.of()))))));
        v.add(new Vector("be", eth(pkt(CN, COA, List.of(), mh(new BindingError(1, HOA))))));
        v.add(new Vector("bu-nemo-mnp", eth(pkt(COA, HA, hao(), mh(new BindingUpdate(3,
                BindingUpdate.A | BindingUpdate.H | BindingUpdate.R, 100,
                List.of(new MobilityOption.MobileNetworkPrefix(64, Ipv6Address.parse("2001:db8:100::")))))))));
        v.add(new Vector("mh-unknown-type", eth(pkt(HA, COA, List.of(), mh(new UnknownMobilityMessage(200,
                Bytes.fromHex("01020304050607080900")))))));
        v.add(new Vector("dhaad-request", eth(pkt(COA, HA_ANYCAST, List.of(), icmp(new DhaadRequest(0x1234, false))))));
        v.add(new Vector("dhaad-reply", eth(pkt(HA, COA, List.of(), icmp(new DhaadReply(0x1234, false,
                List.of(HA, Ipv6Address.parse("2001:db8:1::2"))))))));
        v.add(new Vector("mps", eth(pkt(COA, HA, hao(), icmp(new MobilePrefixSolicitation(0x4321))))));
        v.add(new Vector("mpa", eth(pkt(HA, COA, rh2(), icmp(new MobilePrefixAdvertisement(0x4321, false, false,
                List.of(NdOption.PrefixInformation.of(Ipv6Prefix.parse("2001:db8:1::/64"), true, true, 86400, 14400))))))));
        v.add(new Vector("ra-mipv6", eth(pkt(AR, Ipv6Address.ALL_NODES, List.of(), icmp(new RouterAdvertisement(64,
                RouterAdvertisement.H, 1800, 0, 0, List.of(
                new NdOption.SourceLinkLayerAddress(MAC_RTR),
                new NdOption.Mtu(1500),
                new NdOption.PrefixInformation(64, true, true, true, 2592000, 604800, HA),
                new NdOption.AdvertisementInterval(70),
                new NdOption.HomeAgentInformation(false, 10, 1800))))).withHopLimit255())));
        v.add(new Vector("rs", eth(pkt(Ipv6Address.linkLocal(0x0000_00ff_fe00_0100L), Ipv6Address.ALL_ROUTERS, List.of(),
                icmp(new RouterSolicitation(List.of(new NdOption.SourceLinkLayerAddress(MAC_MN))))).withHopLimit255())));
        v.add(new Vector("ns-dad", eth(pkt(Ipv6Address.UNSPECIFIED, COA.solicitedNodeMulticast(), List.of(),
                icmp(new NeighborSolicitation(COA, List.of()))).withHopLimit255())));
        v.add(new Vector("na-proxy", eth(pkt(HA, Ipv6Address.ALL_NODES, List.of(),
                icmp(new NeighborAdvertisement(true, false, true, HOA,
                        List.of(new NdOption.TargetLinkLayerAddress(MAC_RTR))))).withHopLimit255())));
        Ipv6Packet innerReq = pkt(CN, HOA, List.of(), icmp(new EchoRequest(0x77, 1, Bytes.fromHex("6d697036"))));
        Ipv6Packet innerRep = pkt(HOA, CN, List.of(), icmp(new EchoReply(0x77, 1, Bytes.fromHex("6d697036"))));
        v.add(new Vector("echo-request-tunnelled", eth(pkt(HA, COA, List.of(), new Payload.Tunnel(innerReq)))));
        v.add(new Vector("echo-reply-tunnelled", eth(pkt(COA, HA, List.of(), new Payload.Tunnel(innerRep)))));
        v.add(new Vector("udp-ro", eth(pkt(COA, CN, hao(), new Payload.Udp(40000, 9, Bytes.fromHex("000000010000000a"))))));
        v.add(new Vector("udp-ro-reply", eth(pkt(CN, COA, rh2(), new Payload.Udp(9, 40000, Bytes.fromHex("000000010000000a"))))));
        v.add(new Vector("echo-ro", eth(pkt(COA, CN, hao(), icmp(new EchoRequest(0x78, 2, Bytes.fromHex("0102")))))));
        v.add(new Vector("echo-ro-reply", eth(pkt(CN, COA, rh2(), icmp(new EchoReply(0x78, 2, Bytes.fromHex("0102")))))));
        byte[] invoking = PacketCodec.encode(pkt(COA, CN, List.of(), new Payload.Udp(1, 2, Bytes.EMPTY)));
        v.add(new Vector("dest-unreachable", eth(pkt(AR, COA, List.of(), icmp(new Icmpv6Message.DestinationUnreachable(3, Bytes.of(invoking)))))));
        v.add(new Vector("packet-too-big", eth(pkt(AR, COA, List.of(), icmp(new Icmpv6Message.PacketTooBig(1280, Bytes.of(invoking)))))));
        v.add(new Vector("time-exceeded", eth(pkt(AR, COA, List.of(), icmp(new Icmpv6Message.TimeExceeded(0, Bytes.of(invoking)))))));
        v.add(new Vector("parameter-problem", eth(pkt(CN, COA, List.of(), icmp(new Icmpv6Message.ParameterProblem(0, 41, Bytes.of(invoking)))))));
        v.add(new Vector("bu-unknown-option", eth(pkt(COA, HA, hao(), mh(new BindingUpdate(4, BindingUpdate.A | BindingUpdate.H, 10,
                List.of(new MobilityOption.UnknownMobilityOption(100, Bytes.fromHex("a1a2a3a4")))))))));
        v.add(new Vector("hbh-router-alert-udp", eth(pkt(COA, CN, List.of(new ExtensionHeader.HopByHopOptions(
                List.of(new Ipv6Option.UnknownOption(5, Bytes.fromHex("0000"))))), new Payload.Udp(40001, 40002, Bytes.fromHex("00"))))));
        v.add(new Vector("dest-unknown-option", eth(pkt(COA, CN, List.of(new DestinationOptions(
                List.of(new Ipv6Option.UnknownOption(0x0a, Bytes.fromHex("01020304"))))), new Payload.NoNextHeader()))));
        v.add(new Vector("fragment-first", eth(pkt(COA, CN, List.of(new ExtensionHeader.Fragment(0, true, 0x01020304L)),
                new Payload.Opaque(Wire.UDP, Bytes.fromHex("9c4000090010abcd0001020304050607"))))));
        v.add(new Vector("esp", eth(pkt(HOA, HA, List.of(), new Payload.Esp(0x1000, 1,
                Bytes.fromHex("00112233445566778899aabbccddeeff0011223344556677"))))));
        v.add(new Vector("routing-type-253", eth(pkt(COA, CN, List.of(new ExtensionHeader.UnknownRoutingHeader(253, 0,
                Bytes.fromHex("0000000000000000000000000000000000000000"))), new Payload.NoNextHeader()))));
        v.add(new Vector("ra-unknown-nd-option", eth(pkt(AR, Ipv6Address.ALL_NODES, List.of(), icmp(new RouterAdvertisement(64,
                0, 1800, 0, 0, List.of(new NdOption.UnknownNdOption(253, Bytes.fromHex("000000000000")))))).withHopLimit255())));
        return v;
    }
}
