package org.mip6.shell.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.mip6.ipsec.DecryptedEsp;
import org.mip6.ipsec.SecurityDatabase;
import org.mip6.wire.DecodeException;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.PacketView;
import org.mip6.wire.Wire;
import org.mip6.wire.pcap.PcapRecord;

/**
 * Looks inside ESP for the analysers ({@code mip6:trace}, {@code mip6:decode}, scenario summaries): a frame
 * whose IPv6 packet carries ESP after its extension headers (a Home Address option, a Type 2 Routing
 * Header) is opened with the SA of that SPI on any node of the world, without touching the SAs' replay
 * windows (RFC 4303 §3.4.4: the payload takes the ESP header's place). The SAs are looked up again at most
 * once a second.
 */
final class EspFrames {

    /** An opened frame: the frame with the payload in place of ESP, and what ESP said. */
    record Opened(byte[] frame, long spi, long sequence) {
        String label() {
            return String.format("ESP SPI 0x%08x seq %d, decrypted", spi, sequence);
        }
    }

    private List<SecurityDatabase> databases = List.of();
    private long lookedUp = Long.MIN_VALUE;

    /** The frame opened, or null when it carries no ESP that an SA of the world opens. */
    Opened open(byte[] f) {
        return open(f, databases());
    }

    /** The world's SA databases, looked up again at most once a second. */
    private synchronized List<SecurityDatabase> databases() {
        if (System.nanoTime() - lookedUp > 1_000_000_000L || lookedUp == Long.MIN_VALUE) {
            try {
                databases = RoleServices.ipsec(null).stream().map(RoleServices.Ipsec::database).toList();
            } catch (RuntimeException e) { // outside a framework (tests): no SAs to open anything with
                databases = List.of();
            }
            lookedUp = System.nanoTime();
        }
        return databases;
    }

    /**
     * A capture's record opened: an untagged Ethernet frame as {@link #open(byte[])} opens it; a record of another link
     * type (raw IPv6, loopback, Linux cooked, 802.11, serial links) or a VLAN-tagged or PPPoE frame, its IPv6 packet
     * opened behind the record's own link-layer header, which is kept. Null when it carries no ESP an SA of the world opens.
     */
    Opened open(PcapRecord r) {
        return open(r, databases());
    }

    static Opened open(PcapRecord r, List<SecurityDatabase> dbs) {
        byte[] d = r.data();
        if (r.linkType() == PcapRecord.LINKTYPE_ETHERNET && r.ipv6Offset() == PacketCodec.ETHERNET_HEADER_LENGTH) {
            return open(d, dbs);
        }
        int ip = r.ipv6Offset();
        if (ip < 0) {
            return null;
        }
        byte[] ethernet = new byte[PacketCodec.ETHERNET_HEADER_LENGTH + d.length - ip]; // what open(byte[]) reads
        ethernet[12] = (byte) 0x86;
        ethernet[13] = (byte) 0xdd;
        System.arraycopy(d, ip, ethernet, PacketCodec.ETHERNET_HEADER_LENGTH, d.length - ip);
        Opened o = open(ethernet, dbs);
        if (o == null) {
            return null;
        }
        int packet = o.frame().length - PacketCodec.ETHERNET_HEADER_LENGTH;
        byte[] f = Arrays.copyOf(d, ip + packet);
        System.arraycopy(o.frame(), PacketCodec.ETHERNET_HEADER_LENGTH, f, ip, packet);
        return new Opened(f, o.spi(), o.sequence());
    }

    static Opened open(byte[] f, List<SecurityDatabase> dbs) {
        if (dbs.isEmpty()) {
            return null;
        }
        PacketView v = new PacketView().verifyingChecksums(false);
        try {
            v.wrapEthernet(f, 0, f.length);
        } catch (DecodeException e) {
            return null; // the analyser shows what does not decode as it is
        }
        if (!v.isIpv6() || v.isPayloadOpaque() || v.nextHeader() != Wire.ESP) {
            return null;
        }
        byte[] esp = Arrays.copyOfRange(f, v.payloadOffset(), v.payloadOffset() + v.payloadLength());
        for (SecurityDatabase db : dbs) {
            Optional<DecryptedEsp> d = db.decrypt(esp);
            if (d.isPresent()) {
                return new Opened(v.withPayload(d.get().nextHeader(), d.get().payload()), d.get().spi(), d.get().sequence());
            }
        }
        return null;
    }
}
