package org.mip6.cn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs rr_verify.py, an implementation of RFC 6275 §5.2.5/§6.2.7 in Python's standard library that
 * shares nothing with the workbench, over captures: every Binding Update and Binding Acknowledgement
 * with an authenticator must verify from the tokens on the wire. Skipped (with the reason) without python3.
 */
final class RoutabilityCheck {

    private RoutabilityCheck() {
    }

    static String verify(Path dir, List<String> pcaps) throws Exception {
        String python = python();
        Assumptions.assumeTrue(python != null, "python3 not installed: return routability not checked independently (CI has it)");
        Path script = dir.resolve("rr_verify.py");
        try (InputStream in = RoutabilityCheck.class.getResourceAsStream("/rr_verify.py")) {
            Files.copy(in, script);
        }
        List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
        for (String p : pcaps) {
            cmd.add(dir.resolve(p).toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains(" ok"), out);
        return out;
    }

    private static String python() {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                if (new ProcessBuilder(candidate, "-c", "import hmac, hashlib").start().waitFor() == 0) {
                    return candidate;
                }
            } catch (Exception e) {
                // next
            }
        }
        return null;
    }
}
