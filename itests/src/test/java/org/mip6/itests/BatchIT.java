package org.mip6.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.mip6.wire.pcap.PcapReader;
import org.mip6.wire.pcap.PcapRecord;
import org.mip6.wire.text.FrameDescriber;

/**
 * The workbench as a user scripts it: {@code ./workbench --batch FILE} (not Pax Exam: the launcher
 * itself, on the distribution this build made). One script, run twice, writes the same pcaps byte for
 * byte (every random choice comes from the world's seed), and a Scapy-built echo request put on a link
 * with {@code mip6:inject} gets its reply in the capture. Skips, saying why, without Scapy.
 */
public class BatchIT {

    static final String SCAPY = String.join("\n",
            "import sys",
            "from scapy.all import Ether, IPv6, ICMPv6ND_NS, ICMPv6NDOptSrcLLAddr, ICMPv6EchoRequest, wrpcap",
            "me, cn = '2001:db8:4::99', '2001:db8:4::ff:fe00:9'",
            "ns = Ether(src='02:00:00:00:00:99', dst='33:33:ff:00:00:09') / IPv6(src=me, dst='ff02::1:ff00:9', hlim=255)"
                    + " / ICMPv6ND_NS(tgt=cn) / ICMPv6NDOptSrcLLAddr(lladdr='02:00:00:00:00:99')",
            "echo = Ether(src='02:00:00:00:00:99', dst='02:00:00:00:00:09') / IPv6(src=me, dst=cn)"
                    + " / ICMPv6EchoRequest(id=0x4242, seq=1, data=b'from scapy')",
            "ns.time, echo.time = 1000.0, 1000.01",
            "wrpcap(sys.argv[1], [ns, echo])",
            "");

    static final List<String> LINKS = List.of("home", "foreign1", "foreign2", "cn-link", "backbone");

    @Test
    public void theSameScriptTwiceWritesTheSamePcapsAndAnInjectedScapyEchoIsAnswered() throws Exception {
        assumeTrue("the launcher runs the distribution as shipped (Felix): run once, with the Felix itests",
                !"equinox".equals(System.getProperty("karaf.framework")));
        String python = scapyPython();
        assumeTrue("Scapy not installed: skipping (apt-get install python3-scapy; CI has it)", python != null);
        Path root = Path.of(System.getProperty("mip6.root", "..")).toAbsolutePath().normalize();
        Path dir = Files.createDirectories(Path.of(System.getProperty("mip6.batch.dir", "target/batch-it")).toAbsolutePath());
        Path scapyPcap = dir.resolve("scapy-echo.pcap");
        Files.writeString(dir.resolve("make.py"), SCAPY);
        assertEquals("scapy wrote the pcap", 0, run(List.of(python, dir.resolve("make.py").toString(), scapyPcap.toString()), root));

        List<Path> runs = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            Path out = dir.resolve("run" + k);
            deleteRecursively(out);
            Files.createDirectories(out);
            Path script = dir.resolve("script.txt");
            Files.writeString(script, String.join("\n",
                    "# the same script both times; only the capture directory differs",
                    "mip6:world reset --virtual --seed 42",
                    "mip6:capture start --all " + out,
                    "mip6:inject cn-link " + scapyPcap,
                    "mip6:ping mn cn 3 --interval 100ms",
                    "mip6:traffic start cn mn --interval 50ms",
                    "mip6:run 2s",
                    "mip6:attach mn foreign1",
                    "mip6:run 6s",
                    "mip6:traffic stop",
                    "mip6:capture stop --all",
                    ""));
            assertEquals("./workbench --batch (see target/workbench/data/log/karaf.log)", 0,
                    run(List.of("bash", root.resolve("workbench").toString(), "--batch", script.toString()), root));
            runs.add(out);
        }
        for (String l : LINKS) {
            byte[] a = Files.readAllBytes(runs.get(0).resolve(l + ".pcap"));
            byte[] b = Files.readAllBytes(runs.get(1).resolve(l + ".pcap"));
            assertTrue(l + " captured frames", a.length > 24 + 16);
            assertArrayEquals(l + ": same script, same seed, different pcap", a, b);
        }
        List<String> cnLink = new ArrayList<>();
        int n = 0;
        for (PcapRecord r : PcapReader.readAll(runs.get(0).resolve("cn-link.pcap"))) {
            cnLink.add(FrameDescriber.line(FrameDescriber.describe(++n, r)));
        }
        assertTrue("cn answered the Scapy-built echo request:\n" + String.join("\n", cnLink), cnLink.stream().anyMatch(
                s -> s.contains("2001:db8:4::ff:fe00:9 → 2001:db8:4::99") && s.contains("Echo Reply")));
    }

    static String scapyPython() {
        for (String py : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(py, "-c", "import scapy.all").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return py;
                }
            } catch (Exception e) {
                // try the next
            }
        }
        return null;
    }

    static int run(List<String> cmd, Path cwd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd + "\n" + out);
        }
        System.out.println("$ " + String.join(" ", cmd) + "\n" + out);
        return p.exitValue();
    }

    static void deleteRecursively(Path p) throws Exception {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
