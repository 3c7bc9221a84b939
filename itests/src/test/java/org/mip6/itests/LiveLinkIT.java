package org.mip6.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * {@code mip6:live} in the distribution (pcap4j embedded in org.mip6.net-pcap, JNA's native part
 * loaded by the framework): the home link bridged to a veth pair whose other end is a Linux host in a
 * network namespace. Needs root, iproute2 and libpcap; skips without them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveLinkIT extends WorkbenchTestSupport {

    @Test
    public void aVirtualWorldIsRefused() throws Exception {
        execute("mip6:world reset --virtual --seed 3");
        try {
            execute("mip6:live bridge home lo");
            fail("bridged on virtual time");
        } catch (Exception e) { // the service's IllegalStateException, as the shell passes it on
            assertTrue(e.toString(), String.valueOf(e.getMessage()).contains("real-time"));
        }
        assertEquals("", execute("mip6:live list --no-format"));
    }

    @Test
    public void aLinuxHostOnTheBridgedHomeLinkAnswersTheWorld() throws Exception {
        assumeTrue("skipped: not root (pcap and network namespaces need it)", "0".equals(run("id", "-u").trim()));
        assumeTrue("skipped: no iproute2", Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")));
        long pid = ProcessHandle.current().pid() % 100_000;
        String ns = "mip6-it-" + pid;
        String near = "m6i" + pid;
        String far = "m6j" + pid;
        execute("mip6:world reset --realtime --seed 4");
        try {
            sh("ip", "netns", "add", ns);
            sh("ip", "link", "add", near, "type", "veth", "peer", "name", far);
            sh("ip", "link", "set", far, "netns", ns);
            Files.writeString(Path.of("/proc/sys/net/ipv6/conf", near, "disable_ipv6"), "1");
            sh("ip", "link", "set", near, "up");
            sh("ip", "netns", "exec", ns, "ip", "-6", "addr", "add", "2001:db8:1::99/64", "dev", far, "nodad");
            String bridged;
            try {
                bridged = execute("mip6:live bridge home " + near);
            } catch (Exception e) {
                assumeTrue("skipped: " + e.getMessage(), !String.valueOf(e.getMessage()).contains("libpcap is not available"));
                throw e;
            }
            assertTrue(bridged, bridged.contains("link home bridged to interface " + near));
            sh("ip", "netns", "exec", ns, "ip", "link", "set", far, "up");

            String slaac = null;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (slaac == null && System.nanoTime() < until) {
                Matcher m = Pattern.compile("inet6 (2001:db8:1:[0-9a-f:]+)/64 scope global dynamic(?! .*tentative)")
                        .matcher(sh("ip", "netns", "exec", ns, "ip", "-6", "addr", "show", "dev", far));
                slaac = m.find() ? m.group(1) : null;
                Thread.sleep(200);
            }
            assertTrue("the host autoconfigured from the world's RAs: " + execute("mip6:live list --no-format"), slaac != null);
            String ping = execute("mip6:ping --interval 200ms ha 2001:db8:1::99 3");
            assertTrue(ping + execute("mip6:live list --no-format"), ping.contains("3 sent, 3 received"));
            String routed = execute("mip6:ping --interval 200ms cn " + slaac + " 3");
            assertTrue(routed, routed.contains("3 sent, 3 received"));
            String list = execute("mip6:live list --no-format");
            assertTrue(list, Pattern.compile("(?m)^home\\t" + near + "\\t[1-9][0-9]*\\t[1-9][0-9]*\\t").matcher(list).find());
            assertTrue(execute("mip6:live stop home").contains("no longer bridged"));
        } finally {
            try {
                execute("mip6:live stop home");
            } catch (Exception e) {
                // not bridged (the test failed before, or stopped it)
            }
            run("ip", "netns", "del", ns);
            run("ip", "link", "del", near);
        }
    }

    /**
     * A real correspondent without Mobile IPv6 (the Linux kernel's own stack, no mobility daemon) on the
     * bridged cn-link: it answers the mobile node's Home Test Init and Care-of Test Init with Parameter
     * Problem code 1 (unrecognized Next Header 135), so the mobile node gives up route optimization with
     * it (RFC 6275 §9.2, §11.6.1; counted as mn.ro.cn.no-mipv6) and keeps talking through its home agent.
     */
    @Test
    public void aLinuxCorrespondentWithoutMobileIpv6IsReachedThroughTheHomeAgent() throws Exception {
        assumeTrue("skipped: not root (pcap and network namespaces need it)", "0".equals(run("id", "-u").trim()));
        assumeTrue("skipped: no iproute2", Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")));
        long pid = ProcessHandle.current().pid() % 100_000;
        String ns = "mip6-cn-" + pid;
        String near = "m6k" + pid;
        String far = "m6l" + pid;
        execute("mip6:world reset --realtime --seed 6");
        try {
            sh("ip", "netns", "add", ns);
            sh("ip", "link", "add", near, "type", "veth", "peer", "name", far);
            sh("ip", "link", "set", far, "netns", ns);
            Files.writeString(Path.of("/proc/sys/net/ipv6/conf", near, "disable_ipv6"), "1");
            sh("ip", "link", "set", near, "up");
            sh("ip", "netns", "exec", ns, "ip", "-6", "addr", "add", "2001:db8:4::99/64", "dev", far, "nodad");
            try {
                execute("mip6:live bridge cn-link " + near);
            } catch (Exception e) {
                assumeTrue("skipped: " + e.getMessage(), !String.valueOf(e.getMessage()).contains("libpcap is not available"));
                throw e;
            }
            sh("ip", "netns", "exec", ns, "ip", "link", "set", far, "up");
            execute("mip6:attach mn foreign1");
            // mn registers with ha, and runs return routability with cn on its first echo
            await("mn registered away from home", () -> {
                try {
                    return execute("mip6:bul --no-format mn").contains("\tregistered\t0\thome");
                } catch (Exception e) {
                    return false;
                }
            });
            String linux = execute("mip6:ping --interval 300ms mn 2001:db8:4::99 8");
            assertTrue(linux, linux.contains("8 sent, 8 received"));
            String counters = execute("mip6:counters --no-format mn");
            assertTrue(counters, Pattern.compile("(?m)^mn\\tmn\\.ro\\.cn\\.no-mipv6\\t[1-9]").matcher(counters).find());
            String rr = execute("mip6:rr --no-format mn");
            assertTrue("no route optimization with the Linux host:\n" + rr, !rr.contains("2001:db8:4::99"));
        } finally {
            try {
                execute("mip6:live stop cn-link");
            } catch (Exception e) {
                // not bridged
            }
            run("ip", "netns", "del", ns);
            run("ip", "link", "del", near);
        }
    }

    private static String sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
