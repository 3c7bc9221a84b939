package org.mip6.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mip6.net.Ipv6Address;
import org.mip6.wire.ExtensionHeader.DestinationOptions;
import org.mip6.wire.ExtensionHeader.Type2RoutingHeader;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.icmp.NdOption;
import org.mip6.wire.mh.MobilityHeaderCodec;
import org.mip6.wire.mh.MobilityMessage;
import org.mip6.wire.mh.MobilityOption;

/** Random valid messages and packets round-trip: record -> bytes -> the same record -> the same bytes. */
class RoundTripProperties {

    @Property(tries = 2000)
    void mobilityMessagesRoundTrip(@ForAll("mobility") MobilityMessage m) throws DecodeException {
        byte[] b = MobilityHeaderCodec.encode(m);
        assertEquals(0, b.length % 8);
        MobilityMessage back = MobilityHeaderCodec.decode(b, 0, b.length);
        assertEquals(m, back);
        assertArrayEquals(b, MobilityHeaderCodec.encode(back));
    }

    @Property(tries = 2000)
    void packetsRoundTripWithVerifiedChecksums(@ForAll("packets") Ipv6Packet p) throws DecodeException {
        byte[] b = PacketCodec.encode(p);
        Ipv6Packet back = PacketCodec.decodeIpv6(b, 0, b.length);
        assertEquals(p, back);
        assertArrayEquals(b, PacketCodec.encode(back));
    }

    static Arbitrary<Ipv6Address> addresses() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
                .as((h, l) -> Ipv6Address.of(h & 0x3fff_ffff_ffff_ffffL | 0x2000_0000_0000_0000L, l));
    }

    static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xffff);
    }

    static Arbitrary<Bytes> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max).map(Bytes::of);
    }

    @Provide
    Arbitrary<List<MobilityOption>> options() {
        Arbitrary<MobilityOption> one = Arbitraries.oneOf(
                u16().map(MobilityOption.BindingRefreshAdvice::new),
                addresses().map(MobilityOption.AlternateCareOfAddress::new),
                Combinators.combine(u16(), u16()).as(MobilityOption.NonceIndices::new),
                Combinators.combine(Arbitraries.integers().between(0, 128), addresses()).as(MobilityOption.MobileNetworkPrefix::new),
                Combinators.combine(Arbitraries.integers().between(7, 255), bytes(0, 40)).as(MobilityOption.UnknownMobilityOption::new));
        Arbitrary<Boolean> withBad = Arbitraries.of(true, false);
        return Combinators.combine(one.list().ofMaxSize(5), withBad, bytes(12, 12)).as((list, bad, auth) -> {
            List<MobilityOption> out = new ArrayList<>();
            int seen = 0;
            for (MobilityOption o : list) {
                int bit = 1 << o.type();
                if (o.type() <= 5 && (seen & bit) != 0) {
                    continue;
                }
                seen |= bit;
                out.add(o);
            }
            if (bad) {
                out.add(new MobilityOption.BindingAuthorizationData(auth));
            }
            return out;
        });
    }

    @Provide
    Arbitrary<MobilityMessage> mobility() {
        Arbitrary<List<MobilityOption>> opts = options();
        Arbitrary<Long> l = Arbitraries.longs();
        return Arbitraries.oneOf(
                opts.map(MobilityMessage.BindingRefreshRequest::new),
                Combinators.combine(l, opts).as(MobilityMessage.HomeTestInit::new),
                Combinators.combine(l, opts).as(MobilityMessage.CareOfTestInit::new),
                Combinators.combine(u16(), l, l, opts).as(MobilityMessage.HomeTest::new),
                Combinators.combine(u16(), l, l, opts).as(MobilityMessage.CareOfTest::new),
                Combinators.combine(u16(), u16(), u16(), opts).as(MobilityMessage.BindingUpdate::new),
                Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255), u16(), u16(), opts)
                        .as(MobilityMessage.BindingAcknowledgement::new),
                Combinators.combine(Arbitraries.integers().between(0, 255), addresses(), opts).as(MobilityMessage.BindingError::new),
                Combinators.combine(Arbitraries.integers().between(8, 255), Arbitraries.integers().between(0, 20))
                        .as((t, n) -> new MobilityMessage.UnknownMobilityMessage(t, Bytes.of(new byte[2 + 8 * n]))));
    }

    @Provide
    Arbitrary<Icmpv6Message> icmp() {
        Arbitrary<List<NdOption>> nd = Arbitraries.oneOf(
                addresses().map(a -> (NdOption) NdOption.PrefixInformation.of(org.mip6.net.Ipv6Prefix.of(a, 64), true, true, 100, 50)),
                Arbitraries.longs().between(0, 0xffff_ffffL).map(NdOption.AdvertisementInterval::new),
                Combinators.combine(Arbitraries.integers().between(-32768, 32767), u16())
                        .as((p, lt) -> new NdOption.HomeAgentInformation(false, p, lt)),
                Arbitraries.longs().between(0, 0xffff_ffff_ffffL).map(m -> new NdOption.SourceLinkLayerAddress(org.mip6.net.MacAddress.of(m))))
                .list().ofMaxSize(4);
        return Arbitraries.oneOf(
                Combinators.combine(u16(), u16(), bytes(0, 64)).as(Icmpv6Message.EchoRequest::new),
                Combinators.combine(u16(), u16(), bytes(0, 64)).as(Icmpv6Message.EchoReply::new),
                Combinators.combine(u16(), Arbitraries.of(true, false)).as(Icmpv6Message.DhaadRequest::new),
                Combinators.combine(u16(), Arbitraries.of(true, false), addresses().list().ofMaxSize(6)).as(Icmpv6Message.DhaadReply::new),
                u16().map(Icmpv6Message.MobilePrefixSolicitation::new),
                Combinators.combine(u16(), Arbitraries.of(true, false), Arbitraries.of(true, false), nd).as(Icmpv6Message.MobilePrefixAdvertisement::new),
                Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255), u16(), nd)
                        .as((h, f, lt, o) -> new Icmpv6Message.RouterAdvertisement(h, f, lt, 0, 0, o)),
                Combinators.combine(addresses(), nd).as(Icmpv6Message.NeighborSolicitation::new));
    }

    @Provide
    Arbitrary<Ipv6Packet> packets() {
        Arbitrary<Payload> payload = Arbitraries.oneOf(
                mobility().map(Payload.Mobility::new),
                icmp().map(Payload.Icmpv6::new),
                Combinators.combine(u16(), u16(), bytes(0, 100)).as(Payload.Udp::new));
        Arbitrary<List<ExtensionHeader>> ext = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false), addresses())
                .as((hao, rh2, home) -> {
                    List<ExtensionHeader> l = new ArrayList<>();
                    if (rh2) {
                        l.add(new Type2RoutingHeader(home));
                    }
                    if (hao) {
                        l.add(DestinationOptions.homeAddress(home));
                    }
                    return l;
                });
        return Combinators.combine(addresses(), addresses(), ext, payload, Arbitraries.integers().between(0, 255),
                        Arbitraries.integers().between(0, 0xfffff))
                .as((s, d, e, p, tc, fl) -> new Ipv6Packet(tc, fl, 64, s, d, e, p));
    }
}
