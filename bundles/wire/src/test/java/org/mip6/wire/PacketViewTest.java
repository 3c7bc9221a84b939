package org.mip6.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.wire.mh.MobilityMessage;

/** The flyweight view: its fields agree with the records, and one reused view behaves like a fresh one. */
class PacketViewTest {

    static byte[] bytes(String name) {
        return Bytes.fromHex(StaticVectors.HEX.get(name)).toArray();
    }

    /** Every accessor of a wrapped packet against the record decoded from the same bytes. */
    static void assertAgrees(Ipv6Packet p, PacketView v) {
        byte[] b = v.buffer();
        assertEquals(p.trafficClass(), v.trafficClass());
        assertEquals(p.flowLabel(), v.flowLabel());
        assertEquals(p.hopLimit(), v.hopLimit());
        assertEquals(p.source(), v.source());
        assertEquals(p.destination(), v.destination());
        assertEquals(p.source(), Ipv6Address.read(b, v.sourceOffset()));
        Ipv6Address hao = p.homeAddressOption();
        assertEquals(hao, v.homeAddressOffset() < 0 ? null : Ipv6Address.read(b, v.homeAddressOffset()));
        ExtensionHeader.Type2RoutingHeader rh = p.type2RoutingHeader();
        assertEquals(rh == null, v.type2RoutingHeaderOffset() < 0);
        if (rh != null) {
            assertEquals(rh.homeAddress(), Ipv6Address.read(b, v.type2RoutingHeaderOffset() + 8));
        }
        assertEquals(p.effectiveSource(), Ipv6Address.read(b, v.effectiveSourceOffset()));
        assertEquals(p.finalDestination(), Ipv6Address.read(b, v.finalDestinationOffset()));
        assertEquals(p.extensionHeaders().size(), v.extensionHeaderCount());
        assertEquals(v.nextHeader(), Wire.u8(b, v.nextHeaderFieldOffset()));
        assertEquals(v.ipv6End(), v.payloadOffset() + v.payloadLength());
        Payload pl = p.payload();
        assertEquals(pl instanceof Payload.Opaque o && v.isFragment() ? o.protocol() : v.nextHeader(), v.nextHeader());
        assertEquals(pl instanceof Payload.Mobility m ? m.message().mhType() : -1, v.mobilityType());
        assertEquals(pl instanceof Payload.Icmpv6 i ? i.message().type() : -1, v.icmpv6Type());
        // the first option a destination must act on, and a routing header it must refuse (RFC 8200 §4.2, §4.4)
        int firstOption = -1;
        int firstRouting = -1;
        for (ExtensionHeader h : p.extensionHeaders()) {
            var opts = h instanceof ExtensionHeader.HopByHopOptions hbh ? hbh.options()
                    : h instanceof ExtensionHeader.DestinationOptions d ? d.options() : java.util.List.<Ipv6Option>of();
            for (Ipv6Option o : opts) {
                if (firstOption < 0 && o instanceof Ipv6Option.UnknownOption u && u.action() != 0) {
                    firstOption = u.type();
                }
            }
            if (firstRouting < 0 && h instanceof ExtensionHeader.UnknownRoutingHeader r && r.segmentsLeft() > 0) {
                firstRouting = r.routingType();
            }
        }
        assertEquals(firstOption, v.unrecognizedOptionOffset() < 0 ? -1 : Wire.u8(b, v.unrecognizedOptionOffset()));
        assertEquals(firstRouting, v.unrecognizedRoutingHeaderOffset() < 0 ? -1 : Wire.u8(b, v.unrecognizedRoutingHeaderOffset() + 2));
        if (pl instanceof Payload.Tunnel t) {
            assertAgrees(t.inner(), v.tunnelled());
        } else {
            assertNull(v.tunnelled());
        }
        assertEquals(p, v.toPacket());
    }

    @Test
    void everyVectorAgreesWithItsRecords() throws DecodeException {
        PacketView v = new PacketView();
        int mh = 0;
        int icmp = 0;
        int tunnels = 0;
        for (Map.Entry<String, String> e : StaticVectors.HEX.entrySet()) {
            byte[] b = Bytes.fromHex(e.getValue()).toArray();
            EthernetFrame f = PacketCodec.decodeEthernet(b, 0, b.length);
            v.wrapEthernet(b, 0, b.length);
            assertEquals(f, v.toFrame(), e.getKey());
            assertEquals(0, v.frameOffset());
            assertEquals(f.etherType(), v.etherType());
            assertEquals(f.packet() != null, v.isIpv6());
            if (f.packet() == null) {
                continue;
            }
            assertEquals(14, v.ipv6Offset());
            assertAgrees(f.packet(), v);
            Payload pl = f.packet().payload();
            mh += pl instanceof Payload.Mobility ? 1 : 0;
            icmp += pl instanceof Payload.Icmpv6 ? 1 : 0;
            tunnels += pl instanceof Payload.Tunnel ? 1 : 0;
        }
        assertTrue(mh >= 9 && icmp >= 10 && tunnels >= 1, mh + " MH, " + icmp + " ICMPv6, " + tunnels + " tunnels");
    }

    /**
     * Scapy's own vector (test/scapy/layers/inet6.uts, "IPv6ExtHdrSegmentRouting Class - UDP pseudo-header
     * checksum"): a Segment Routing Header (Routing Type 4, RFC 8754) with Segments Left 1 on its way to
     * fd00::42, then UDP whose checksum covers the final destination fc13::1337 (RFC 8200 §8.1). A
     * destination that does not know Routing Type 4 refuses the packet at that header (RFC 8200 §4.4) and a
     * router forwards it unexamined: the view keeps the rest opaque instead of checking the checksum against
     * the wrong destination. With no segments left the header is ignored and the checksum checked.
     */
    @Test
    void whatFollowsARoutingHeaderTheDestinationRefusesIsOpaque() throws DecodeException {
        byte[] b = Bytes.fromHex("6000000000362b40fc000000000000000000000000000001fd000000000000000000000000000042"
                + "1104040101000000fc130000000000000000000000001337fd000000000000000000000000000042"
                + "2af81092000e81b7666f6f626172").toArray();
        PacketView v = new PacketView().wrapIpv6(b, 0, b.length);
        assertTrue(v.isPayloadOpaque());
        assertFalse(v.isFragment());
        assertEquals(40, v.unrecognizedRoutingHeaderOffset());
        assertEquals(1, v.extensionHeaderCount());
        assertEquals(Wire.UDP, v.nextHeader());
        assertEquals(40 + 40, v.payloadOffset());
        assertEquals(14, v.payloadLength());
        Ipv6Packet p = PacketCodec.decodeIpv6(b, 0, b.length);
        assertEquals(List.of(new ExtensionHeader.UnknownRoutingHeader(4, 1, Bytes.fromHex(
                "01000000fc130000000000000000000000001337fd000000000000000000000000000042"))), p.extensionHeaders());
        assertEquals(new Payload.Opaque(Wire.UDP, Bytes.fromHex("2af81092000e81b7666f6f626172")), p.payload());
        assertAgrees(p, v);
        // an analyser's view, which verifies no checksum, walks on to what the packet carries
        assertEquals(new Payload.Udp(11000, 4242, Bytes.of("foobar".getBytes(java.nio.charset.StandardCharsets.US_ASCII))),
                PacketCodec.decodeIpv6IgnoringChecksums(b, 0, b.length).payload());

        // at fc13::1337, the last segment: Segments Left 0, the header ignored, the checksum verified against it
        byte[] last = b.clone();
        System.arraycopy(Ipv6Address.parse("fc13::1337").toBytes(), 0, last, 24, 16);
        last[43] = 0;
        v.wrapIpv6(last, 0, last.length);
        assertFalse(v.isPayloadOpaque());
        assertEquals(-1, v.unrecognizedRoutingHeaderOffset());
        assertTrue(PacketCodec.decodeIpv6(last, 0, last.length).payload() instanceof Payload.Udp);
        last[last.length - 1] ^= 1;
        assertEquals(DecodeReason.BAD_CHECKSUM, assertThrows(DecodeException.class,
                () -> new PacketView().wrapIpv6(last, 0, last.length)).reason());
    }

    /**
     * RFC 8200 §4.2: a destination that meets an option whose type says to discard the packet processes
     * nothing after its header, so an upper layer that would not verify does not turn the Parameter Problem
     * the option asks for into a silent checksum drop: a receiver's view stops there; an analyser's walks on.
     * An option to skip (action 00) leaves the walk going.
     */
    @Test
    void whatFollowsAnOptionThatSaysDiscardIsOpaque() throws DecodeException {
        for (int type : new int[] {0x4a, 0x8a, 0xca, 0x0a}) {
            Ipv6Packet sent = new Ipv6Packet(0, 0, 64, Ipv6Address.parse("2001:db8::1"), Ipv6Address.parse("2001:db8::2"),
                    List.of(new ExtensionHeader.DestinationOptions(List.of(new Ipv6Option.UnknownOption(type, Bytes.fromHex("0000"))))),
                    new Payload.Icmpv6(new org.mip6.wire.icmp.Icmpv6Message.EchoRequest(1, 1, Bytes.of(new byte[4]))));
            byte[] b = PacketCodec.encode(sent);
            b[b.length - 1] ^= 1; // the echo's checksum no longer verifies
            if (type < 0x40) {
                assertEquals(DecodeReason.BAD_CHECKSUM, assertThrows(DecodeException.class,
                        () -> new PacketView().wrapIpv6(b, 0, b.length)).reason(), "00: skipped, the echo checked");
                continue;
            }
            PacketView v = new PacketView().wrapIpv6(b, 0, b.length);
            assertTrue(v.isPayloadOpaque());
            assertEquals(42, v.unrecognizedOptionOffset());
            assertEquals(Wire.ICMPV6, v.nextHeader());
            assertTrue(PacketCodec.decodeIpv6(b, 0, b.length).payload() instanceof Payload.Opaque);
            assertTrue(PacketCodec.decodeIpv6IgnoringChecksums(b, 0, b.length).payload() instanceof Payload.Icmpv6);
        }
    }

    @Test
    void bindingUpdateFieldsFromTheBuffer() throws DecodeException {
        byte[] b = bytes("bu-hao-altcoa");
        PacketView v = new PacketView().wrapEthernet(b, 0, b.length);
        assertEquals(MobilityMessage.BINDING_UPDATE, v.mobilityType());
        assertEquals(Vectors.HOA, Ipv6Address.read(b, v.homeAddressOffset()));
        assertEquals(Vectors.HOA, Ipv6Address.read(b, v.effectiveSourceOffset()));
        assertEquals(Vectors.COA, v.source());
        assertEquals(1, v.extensionHeaderCount());
        assertEquals(Wire.MOBILITY, v.nextHeader());
        assertEquals(14 + 40 + 24, v.payloadOffset());
        assertFalse(v.isFragment());
    }

    @Test
    void bareIpv6PacketAndOtherEtherTypes() throws DecodeException {
        byte[] b = bytes("ba-rh2-bra");
        PacketView v = new PacketView().wrapIpv6(b, 14, b.length - 14);
        assertEquals(-1, v.frameOffset());
        assertEquals(-1, v.etherType());
        assertEquals(-1, v.icmpv6Type());
        assertEquals(MobilityMessage.BINDING_ACKNOWLEDGEMENT, v.mobilityType());
        assertEquals(Vectors.HOA, Ipv6Address.read(b, v.finalDestinationOffset()));
        assertThrows(IllegalStateException.class, v::toFrame);

        byte[] arp = b.clone();
        arp[12] = 0x08;
        arp[13] = 0x06;
        v.wrapEthernet(arp, 0, arp.length);
        assertFalse(v.isIpv6());
        assertEquals(0x0806, v.etherType());
        assertThrows(IllegalStateException.class, v::hopLimit);
        assertEquals(PacketCodec.decodeEthernet(arp, 0, arp.length), v.toFrame());
    }

    @Test
    void aFailedWrapLeavesAnEmptyView() throws DecodeException {
        byte[] b = bytes("bu-hao-altcoa");
        PacketView v = new PacketView().wrapEthernet(b, 0, b.length);
        byte[] bad = b.clone();
        bad[14 + 40 + 24 + 4] ^= 1; // MH checksum
        DecodeException e = assertThrows(DecodeException.class, () -> v.wrapEthernet(bad, 0, bad.length));
        assertEquals(DecodeReason.BAD_CHECKSUM, e.reason());
        assertThrows(IllegalStateException.class, v::buffer);
        assertThrows(IllegalStateException.class, v::mobilityType);
        assertThrows(IllegalStateException.class, v::toPacket);
        assertEquals("PacketView[empty]", v.toString());
        assertThrows(IllegalStateException.class, new PacketView()::hopLimit);
    }

    @Test
    void aRangeOutsideTheBufferIsTheCallersError() {
        byte[] b = bytes("hot");
        PacketView v = new PacketView();
        assertThrows(IndexOutOfBoundsException.class, () -> v.wrapEthernet(b, 0, b.length + 1));
        assertThrows(IndexOutOfBoundsException.class, () -> v.wrapIpv6(b, -1, 10));
        assertThrows(IndexOutOfBoundsException.class, () -> PacketCodec.decodeEthernet(b, 5, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> PacketCodec.decodeIpv6Header(b, 14, b.length));
    }

    /** What a router forwards unexamined (RFC 8200 §4) encodes back to the same bytes, even when the upper layer is bad. */
    @Test
    void headerOnlyDecodeEncodesBackTheSameBytes() throws DecodeException {
        for (Map.Entry<String, String> e : StaticVectors.HEX.entrySet()) {
            byte[] b = Bytes.fromHex(e.getValue()).toArray();
            byte[] ip = java.util.Arrays.copyOfRange(b, 14, b.length);
            ip[ip.length - 1] ^= 0x5a; // breaks any checksum: still forwardable
            Ipv6Packet p = PacketCodec.decodeIpv6Header(ip, 0, ip.length);
            assertTrue(p.extensionHeaders().isEmpty());
            assertEquals(Wire.u8(ip, 6), ((Payload.Opaque) p.payload()).protocol(), e.getKey());
            assertEquals(Bytes.of(ip), Bytes.of(PacketCodec.encode(p)), e.getKey());
        }
        byte[] b = bytes("hot");
        b[14] = 0x40; // IPv4 version
        assertEquals(DecodeReason.BAD_VERSION,
                assertThrows(DecodeException.class, () -> PacketCodec.decodeIpv6Header(b, 14, b.length - 14)).reason());
        assertEquals(DecodeReason.TRUNCATED,
                assertThrows(DecodeException.class, () -> PacketCodec.decodeIpv6Header(b, 14, 39)).reason());
    }

    /** Mutated frames through one reused view: the same outcome as a fresh decode, frame after frame. */
    @Test
    void reusedViewMatchesFreshDecodeOnMutatedFrames() {
        List<byte[]> seeds = new ArrayList<>();
        for (String hex : StaticVectors.HEX.values()) {
            seeds.add(Bytes.fromHex(hex).toArray());
        }
        SplittableRandom r = new SplittableRandom(8200);
        PacketView v = new PacketView();
        int wrapped = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] f = MutationFuzzTest.mutate(seeds.get(r.nextInt(seeds.size())), r);
            EthernetFrame fresh;
            DecodeException freshError = null;
            try {
                fresh = PacketCodec.decodeEthernet(f, 0, f.length);
            } catch (DecodeException e) {
                fresh = null;
                freshError = e;
            }
            try {
                v.wrapEthernet(f, 0, f.length);
                if (fresh == null) {
                    fail("reused view accepted what a fresh decode rejects (" + freshError + "): " + Bytes.of(f).hex());
                }
                assertEquals(fresh, v.toFrame());
                if (fresh.packet() != null) {
                    assertAgrees(fresh.packet(), v);
                }
                wrapped++;
            } catch (DecodeException e) {
                if (freshError == null) {
                    fail("reused view rejected (" + e + ") what a fresh decode accepts: " + Bytes.of(f).hex());
                }
                assertEquals(freshError.toString(), e.toString());
                assertEquals(freshError.ipv6Offset(), e.ipv6Offset());
                assertEquals(freshError.nextHeaderPointer(), e.nextHeaderPointer());
            }
        }
        assertTrue(wrapped > 1000 && wrapped < 50_000, wrapped + " wrapped");
    }
}
