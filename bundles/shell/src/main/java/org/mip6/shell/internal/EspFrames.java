package org.mip6.shell.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.mip6.ipsec.DecryptedEsp;
import org.mip6.ipsec.SecurityDatabase;

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
        int ip = 14;
        if (dbs.isEmpty() || f.length < ip + 40 || (f[12] & 0xff) != 0x86 || (f[13] & 0xff) != 0xdd) {
            return null;
        }
        int end = Math.min(f.length, ip + 40 + ((f[ip + 4] & 0xff) << 8 | f[ip + 5] & 0xff));
        int nextAt = ip + 6;
        int next = f[nextAt] & 0xff;
        int at = ip + 40;
        for (int k = 0; k < 8 && (next == 0 || next == 43 || next == 60) && at + 8 <= end; k++) {
            nextAt = at;
            next = f[at] & 0xff;
            at += 8 * ((f[at + 1] & 0xff) + 1);
        }
        if (next != 50 || at + 8 > end) {
            return null;
        }
        byte[] esp = Arrays.copyOfRange(f, at, end);
        for (SecurityDatabase db : dbs) {
            Optional<DecryptedEsp> d = db.decrypt(esp);
            if (d.isPresent()) {
                byte[] p = d.get().payload();
                byte[] out = Arrays.copyOf(f, at + p.length);
                System.arraycopy(p, 0, out, at, p.length);
                out[nextAt] = (byte) d.get().nextHeader();
                int length = at + p.length - ip - 40;
                out[ip + 4] = (byte) (length >>> 8);
                out[ip + 5] = (byte) length;
                return new Opened(out, d.get().spi(), d.get().sequence());
            }
        }
        return null;
    }
}
