package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Every pcap a test writes goes through tshark: no malformed frame, no warning or error (skipped without tshark). */
public final class Tshark {

    private Tshark() {
    }

    public static boolean available() {
        try {
            return new ProcessBuilder("tshark", "-v").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Asserts the capture dissects cleanly and returns the number of frames. Without tshark the calling
     * test is aborted (reported as skipped, with the reason): call it in a test of its own, or last.
     */
    public static long check(Path pcap) throws Exception {
        Assumptions.assumeTrue(available(), "tshark not installed: not dissecting " + pcap + " (apt-get install tshark; CI has it)");
        Process p = new ProcessBuilder("tshark", "-r", pcap.toString(), "-o", "udp.check_checksum:TRUE", "-Y",
                "_ws.expert.severity >= 6291456 || _ws.malformed || icmpv6.checksum.status == 0 || udp.checksum.status == 0",
                "-T", "fields", "-e", "frame.number", "-e", "_ws.expert.message").start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals("", out.strip(), pcap + ": frames with warnings");
        Process c = new ProcessBuilder("tshark", "-r", pcap.toString(), "-T", "fields", "-e", "frame.number").start();
        long frames = new String(c.getInputStream().readAllBytes()).lines().count();
        c.waitFor(60, TimeUnit.SECONDS);
        return frames;
    }

    /**
     * The frames of {@code pcap} that match display filter {@code filter}, one line each with the given
     * fields tab-separated. Without tshark the calling test is aborted (skipped, with the reason).
     */
    public static String fields(Path pcap, String filter, String... fields) throws Exception {
        Assumptions.assumeTrue(available(), "tshark not installed: not reading " + pcap + " (apt-get install tshark; CI has it)");
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("tshark", "-r", pcap.toString(), "-Y", filter,
                "-T", "fields"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes()));
        return out;
    }
}
