package org.mip6.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mip6.ipsec.DecryptedEsp;
import org.mip6.ipsec.SecurityAssociationEntry;
import org.mip6.ipsec.SecurityDatabase;
import org.mip6.ipsec.SecurityPolicyEntry;
import org.mip6.net.Ipv6Address;
import org.mip6.wire.Bytes;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.pcap.PcapRecord;
import org.mip6.wire.text.FrameDescriber;

/**
 * ESP opened in any capture mip6:decode reads, not only untagged Ethernet: the IPv6 packet behind a record's own
 * link-layer header (raw IPv6, PPP, a VLAN tag) gets the payload in ESP's place, the header kept.
 */
class EspFramesTest {

    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::ff:fe00:b");
    static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::2");
    /** The ICMPv6 message the SA below "decrypts" (its checksum right for COA -> HA). */
    static final byte[] ECHO;
    /** ESP with SPI 0x1001, sequence 7: header and the payload's bytes (the stub below takes them as they are). */
    static final byte[] ESP;

    static {
        byte[] p = PacketCodec.encode(Ipv6Packet.of(COA, HA, 64,
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 2, Bytes.of(new byte[] {9, 9, 9, 9})))));
        ECHO = Arrays.copyOfRange(p, 40, p.length);
        ESP = new byte[8 + ECHO.length];
        ESP[2] = 0x10;
        ESP[3] = 0x01;
        ESP[7] = 7;
        System.arraycopy(ECHO, 0, ESP, 8, ECHO.length);
    }

    /** An SA database whose one inbound SA, 0x1001, carries ICMPv6 in the clear (enough to place the payload). */
    static final SecurityDatabase SAD = new SecurityDatabase() {
        @Override
        public List<SecurityPolicyEntry> policies() {
            return List.of();
        }

        @Override
        public List<SecurityAssociationEntry> associations() {
            return List.of();
        }

        @Override
        public Optional<DecryptedEsp> decrypt(byte[] esp) {
            if (esp.length < 8 || esp[0] != 0 || esp[1] != 0 || esp[2] != 0x10 || esp[3] != 0x01) {
                return Optional.empty();
            }
            return Optional.of(new DecryptedEsp(0x1001, esp[7], 58, Arrays.copyOfRange(esp, 8, esp.length)));
        }

        @Override
        public String role() {
            return "test";
        }

        @Override
        public boolean requiresProtectedHomeRegistration() {
            return false;
        }
    };

    static byte[] espPacket() {
        byte[] ip = new byte[40 + ESP.length];
        ip[0] = 0x60;
        ip[4] = (byte) (ESP.length >>> 8);
        ip[5] = (byte) ESP.length;
        ip[6] = 50;
        ip[7] = 64;
        COA.write(ip, 8);
        HA.write(ip, 24);
        System.arraycopy(ESP, 0, ip, 40, ESP.length);
        return ip;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void espIsOpenedBehindWhateverLinkLayerHeaderTheRecordHas() {
        byte[] ip = espPacket();
        byte[] ethernet = concat(new byte[] {2, 0, 0, 0, 0, 10, 2, 0, 0, 0, 0, 11, (byte) 0x86, (byte) 0xdd}, ip);
        byte[] tagged = concat(new byte[] {2, 0, 0, 0, 0, 10, 2, 0, 0, 0, 0, 11, (byte) 0x81, 0, 0, 100,
            (byte) 0x86, (byte) 0xdd}, ip);
        Object[][] records = {
                {PcapRecord.LINKTYPE_ETHERNET, ethernet, 14},
                {PcapRecord.LINKTYPE_ETHERNET, tagged, 18},
                {PcapRecord.LINKTYPE_IPV6, ip, 0},
                {PcapRecord.LINKTYPE_PPP, concat(new byte[] {(byte) 0xff, 3, 0, 0x57}, ip), 4},
                {PcapRecord.LINKTYPE_LINUX_SLL2, concat(new byte[] {(byte) 0x86, (byte) 0xdd, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6,
                    2, 0, 0, 0, 0, 11, 0, 0}, ip), 20}};
        for (Object[] c : records) {
            int linkType = (Integer) c[0];
            byte[] d = (byte[]) c[1];
            int at = (Integer) c[2];
            EspFrames.Opened o = EspFrames.open(new PcapRecord(0, linkType, d, d.length), List.of(SAD));
            assertEquals(0x1001, o.spi(), "link type " + linkType);
            assertEquals(7, o.sequence());
            byte[] f = o.frame();
            assertEquals(at + 40 + ECHO.length, f.length, "link type " + linkType);
            assertTrue(Arrays.equals(d, 0, at, f, 0, at), "the link-layer header kept, link type " + linkType);
            assertEquals(58, f[at + 6], "Next Header: what ESP carried");
            assertEquals(ECHO.length, (f[at + 4] & 0xff) << 8 | f[at + 5] & 0xff, "Payload Length");
            Map<String, Object> shown = FrameDescriber.describe(1, new PcapRecord(0, linkType, f, f.length));
            assertTrue(FrameDescriber.line(shown).contains("ICMPv6 Echo Request"), FrameDescriber.line(shown));
            assertTrue(!shown.containsKey("error"), shown.toString());
        }
        byte[] otherSpi = ip.clone();
        otherSpi[40 + 3] = 2;
        assertNull(EspFrames.open(new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, otherSpi, otherSpi.length), List.of(SAD)));
        assertNull(EspFrames.open(new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, ip, ip.length), List.of()), "no SAs");
    }
}
