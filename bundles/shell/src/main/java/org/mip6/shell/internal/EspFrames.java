package org.mip6.shell.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.mip6.ipsec.DecryptedEsp;
import org.mip6.ipsec.SecurityDatabase;
import org.mip6.wire.DecodeException;
import org.mip6.wire.PacketView;
import org.mip6.wire.Wire;

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
    synchronized Opened open(byte[] f) {
        if (System.nanoTime() - lookedUp > 1_000_000_000L || lookedUp == Long.MIN_VALUE) {
            try {
                databases = RoleServices.ipsec(null).stream().map(RoleServices.Ipsec::database).toList();
            } catch (RuntimeException e) { // outside a framework (tests): no SAs to open anything with
                databases = List.of();
            }
            lookedUp = System.nanoTime();
        }
        return open(f, databases);
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
