package org.mip6.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Runs tshark / Scapy for the independent cross-checks; tests skip with a message where a tool is absent. */
final class ExternalTools {

    private ExternalTools() {
    }

    record Result(int exit, String out, String err) {
    }

    static Result run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Process p = pb.start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    static boolean works(List<String> cmd) {
        try {
            return run(cmd).exit() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static void assumeTshark() {
        Assumptions.assumeTrue(works(List.of("tshark", "-v")),
                "tshark not installed: skipping the Wireshark cross-check (apt-get install tshark; CI has it)");
    }

    /** Debian's python3-scapy lives under the system python, whatever python3 is first on PATH. */
    static String scapyPython() {
        for (String py : List.of("/usr/bin/python3", "python3")) {
            if (works(List.of(py, "-c", "import scapy.all"))) {
                return py;
            }
        }
        Assumptions.assumeTrue(false, "Scapy not installed: skipping the Scapy cross-check (apt-get install python3-scapy; CI has it)");
        return null;
    }
}
