package org.mip6.stack.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mip6.netsim.internal.EmbeddedWorld;
import org.mip6.wire.pcap.PcapReader;
import org.mip6.wire.pcap.PcapRecord;
import org.mip6.wire.text.FrameDescriber;
import org.mip6.world.World;

/**
 * The shipped default world, a fixed scenario and seed, every link captured: the frames must be the
 * recorded ones (src/test/resources/golden), byte for byte and instant for instant. This pins the
 * stack's behaviour while its code is reorganised; a fix that changes frames on purpose updates the
 * golden files in its own commit and says why. To re-record:
 * {@code mvn -B test -pl bundles/stack -am -Dtest=GoldenCaptureTest -Dsurefire.failIfNoSpecifiedTests=false -Dmip6.golden.update=$PWD/bundles/stack/src/test/resources/golden}.
 */
class GoldenCaptureTest {

    static final List<String> LINKS = List.of("home", "foreign1", "foreign2", "cn-link", "backbone");

    /** Runs the scenario on a fresh world and leaves one pcap per link in {@code dir}. */
    static void scenario(Path dir, long seed) throws Exception {
        World w = new EmbeddedWorld(EmbeddedWorldTest.schedulers(), new StackNodeFactory(), null,
                EmbeddedWorldTest.config("virtual", seed));
        for (String l : LINKS) {
            w.startCapture(l, dir.resolve(l + ".pcap"));
        }
        assertEquals(3, w.ping("mn", "cn", 3, Duration.ofMillis(100)).received());
        int udp = w.startUdpTraffic("cn", "mn", Duration.ofMillis(250));
        w.run(Duration.ofSeconds(2));
        w.attach("mn", "foreign1"); // DAD, RS/RA, SLAAC on a new link; the UDP flow's requests now go nowhere
        w.run(Duration.ofSeconds(8));
        assertEquals(3, w.ping("mn", "cn", 3, Duration.ofMillis(100)).received());
        w.detach("ha");
        w.run(Duration.ofSeconds(1));
        w.attach("ha", "home");
        w.run(Duration.ofSeconds(6));
        w.stopTraffic(udp);
        assertEquals(2, w.ping("cn", "ha", 2, Duration.ofMillis(100)).received());
        for (String l : LINKS) {
            w.stopCapture(l);
        }
        ((EmbeddedWorld) w).close();
    }

    @Test
    void theDefaultWorldSendsTheRecordedFrames(@TempDir Path dir) throws Exception {
        scenario(dir, 6275);
        String update = System.getProperty("mip6.golden.update");
        if (update != null && !update.isBlank()) {
            Path out = Path.of(update);
            Files.createDirectories(out);
            for (String l : LINKS) {
                Files.copy(dir.resolve(l + ".pcap"), out.resolve(l + ".pcap"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            System.out.println("GoldenCaptureTest: golden captures written to " + out);
        }
        for (String l : LINKS) {
            compare(l, golden(l), PcapReader.readAll(dir.resolve(l + ".pcap")));
        }
    }

    @Test
    void theGoldenCapturesDissectCleanlyInTshark() throws Exception {
        for (String l : LINKS) {
            Path f = Path.of(GoldenCaptureTest.class.getResource("/golden/" + l + ".pcap").toURI());
            assertTrue(org.mip6.stack.internal.engine.Tshark.check(f) > 0, l);
        }
    }

    @Test
    void theSameSeedGivesTheSamePcapsAndAnotherSeedDoesNot(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        Path c = Files.createDirectory(dir.resolve("c"));
        scenario(a, 42);
        scenario(b, 42);
        scenario(c, 43);
        boolean anyDiffers = false;
        for (String l : LINKS) {
            byte[] x = Files.readAllBytes(a.resolve(l + ".pcap"));
            assertTrue(x.length > 24, l + " captured nothing");
            assertEquals(java.util.HexFormat.of().formatHex(x), java.util.HexFormat.of().formatHex(Files.readAllBytes(b.resolve(l + ".pcap"))),
                    l + ": same seed, different pcap");
            anyDiffers |= !java.util.Arrays.equals(x, Files.readAllBytes(c.resolve(l + ".pcap")));
        }
        assertTrue(anyDiffers, "seeds 42 and 43 gave identical captures: the seed reaches no random choice");
    }

    private static List<PcapRecord> golden(String link) throws IOException {
        try (InputStream in = GoldenCaptureTest.class.getResourceAsStream("/golden/" + link + ".pcap")) {
            if (in == null) {
                fail("no golden capture for " + link + " (record with -Dmip6.golden.update=DIR)");
            }
            PcapReader r = new PcapReader(in);
            List<PcapRecord> out = new java.util.ArrayList<>();
            for (PcapRecord rec; (rec = r.next()) != null; ) {
                out.add(rec);
            }
            return out;
        }
    }

    /** Names the first frame that differs, described on both sides, rather than a byte offset in a file. */
    private static void compare(String link, List<PcapRecord> want, List<PcapRecord> got) {
        int n = Math.min(want.size(), got.size());
        for (int k = 0; k < n; k++) {
            PcapRecord w = want.get(k);
            PcapRecord g = got.get(k);
            if (w.timestampNanos() != g.timestampNanos() || !java.util.Arrays.equals(w.data(), g.data())) {
                fail(link + ": frame " + (k + 1) + " differs\n  golden: " + describe(k, w) + "\n  now:    " + describe(k, g));
            }
        }
        if (want.size() != got.size()) {
            PcapRecord extra = want.size() > n ? want.get(n) : got.get(n);
            fail(link + ": " + got.size() + " frames, golden has " + want.size() + "; first unmatched: " + describe(n, extra));
        }
    }

    private static String describe(int k, PcapRecord r) {
        return String.format("t=%.6f s ", r.timestampNanos() / 1e9) + FrameDescriber.line(FrameDescriber.describe(k + 1, r));
    }
}
