package org.mip6.netpcap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mip6.netsim.internal.EmbeddedWorld;
import org.mip6.stack.internal.StackNodeFactory;
import org.mip6.time.internal.SchedulerFactoryComponent;
import org.mip6.world.EchoStats;
import org.mip6.world.LiveLinks;
import org.pcap4j.core.Pcaps;

/**
 * The default world's {@code home} link bridged to a veth pair whose other end is in a network
 * namespace: the Linux host there autoconfigures from the world's router, and the world's nodes reach
 * it (echo through the kernel's own ICMPv6). Needs root, iproute2 and libpcap; skips without them.
 */
class PcapLiveLinksTest {

    static EmbeddedWorld world(String mode) {
        return new EmbeddedWorld(new SchedulerFactoryComponent(), new StackNodeFactory(), null, new EmbeddedWorld.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EmbeddedWorld.Config.class;
            }

            @Override
            public String mode() {
                return mode;
            }

            @Override
            public long seed() {
                return 1;
            }
        });
    }

    @Test
    void aVirtualWorldOrAnUnknownLinkIsRefusedBeforePcapIsTouched() {
        EmbeddedWorld virtual = world("virtual");
        try {
            LiveLinks live = new PcapLiveLinks(virtual);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> live.bridge("home", "lo"));
            assertTrue(e.getMessage().contains("real-time"), e.getMessage());
            assertEquals(List.of(), live.bridges());
            assertFalse(live.unbridge("home"));
        } finally {
            virtual.close();
        }
        EmbeddedWorld real = world("realtime");
        try {
            LiveLinks live = new PcapLiveLinks(real);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> live.bridge("moon", "lo"));
            assertTrue(e.getMessage().contains("moon") && e.getMessage().contains("home"), e.getMessage());
        } finally {
            real.close();
        }
    }

    @Test
    void aLinuxHostInANamespaceAutoconfiguresFromTheWorldAndAnswersItsNodes() throws Exception {
        String skip = whyNot();
        assumeTrue(skip == null, () -> "skipped: " + skip);
        long pid = ProcessHandle.current().pid() % 100_000;
        String ns = "mip6-live-" + pid;
        String near = "m6w" + pid; // the world's end (root namespace)
        String far = "m6h" + pid; // the Linux host's end
        EmbeddedWorld w = world("realtime");
        PcapLiveLinks live = new PcapLiveLinks(w);
        try {
            namespaceHost(ns, near, far, "2001:db8:1::99");

            LiveLinks.Bridge b = live.bridge("home", near);
            assertEquals(near, b.iface());
            IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> live.bridge("home", "lo"));
            assertTrue(twice.getMessage().contains("already"), twice.getMessage());
            sh("ip", "netns", "exec", ns, "ip", "link", "set", far, "up"); // its Router Solicitation crosses now

            // ar-home advertises 2001:db8:1::/64 (RFC 4861): the host forms its address (RFC 4862)
            String slaac = null;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (slaac == null && System.nanoTime() < until) {
                String out = sh("ip", "netns", "exec", ns, "ip", "-6", "addr", "show", "dev", far);
                slaac = autoconfigured(out);
                Thread.sleep(200);
            }
            assertTrue(slaac != null, "no address autoconfigured from the world's RAs:\n"
                    + sh("ip", "netns", "exec", ns, "ip", "-6", "addr", "show", "dev", far) + "\nbridge: " + live.bridges());

            // the world's nodes reach the host: on the link (ha), and from cn across the backbone's routers
            EchoStats onLink = w.ping("ha", "2001:db8:1::99", 3, Duration.ofMillis(200));
            assertEquals(3, onLink.received(), onLink + " " + live.bridges());
            EchoStats routed = w.ping("cn", slaac, 3, Duration.ofMillis(200));
            assertEquals(3, routed.received(), routed + " " + live.bridges());
            // against Linux's IPv6: it reassembles ha's fragments (RFC 8200 §4.5) and ha reassembles its answer's
            EchoStats big = w.ping("ha", "2001:db8:1::99", 2, Duration.ofMillis(200), 3000);
            assertEquals(2, big.received(), big + " " + live.bridges());
            // the host's UDP leaves with its checksum left to the veth's offload (CHECKSUM_PARTIAL): the bridge
            // finishes it as a NIC would, so ha's UDP echo service (RFC 862) answers instead of dropping it
            if (run("python3", "--version").startsWith("Python 3")) {
                long badBefore = badChecksums(w, "ha");
                String echoed = sh("ip", "netns", "exec", ns, "python3", "-c", "import socket\n"
                        + "s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)\ns.settimeout(5)\n"
                        + "s.sendto(b'offloaded', ('2001:db8:1::2', 7))\nprint(s.recvfrom(64)[0].decode())");
                assertEquals("offloaded", echoed.strip(), live.bridges().toString());
                assertEquals(badBefore, badChecksums(w, "ha"));
            }
            String route = sh("ip", "netns", "exec", ns, "ip", "-6", "route", "show", "default");
            assertTrue(route.contains("via fe80::"), "the host's default router is the world's:\n" + route);

            LiveLinks.Bridge now = live.bridges().get(0);
            assertTrue(now.framesIn() > 0 && now.framesOut() > 0, now.toString());
            assertTrue(live.unbridge("home"));
            assertEquals(List.of(), live.bridges());
            EchoStats cut = w.ping("ha", "2001:db8:1::99", 1, Duration.ofMillis(200));
            assertEquals(0, cut.received(), "no bridge, no host: " + cut);
        } finally {
            live.close();
            w.close();
            run("ip", "netns", "del", ns); // takes the veth pair with it
            run("ip", "link", "del", near);
        }
    }

    /**
     * A TCP transfer between two Linux hosts across the world (home, ar-home, the backbone, ar-cn, cn-link): the
     * sender's TCP leaves its veth in super-packets of up to 64 KB (TSO, a veth's default), which the bridge cuts
     * into segments that fit the link, as the NIC would. Without that the world's link takes none of them and the
     * transfer stalls.
     */
    @Test
    void aLinuxHostsTcpCrossesTheWorldInSegmentsTheBridgeCuts() throws Exception {
        String skip = whyNot();
        assumeTrue(skip == null, () -> "skipped: " + skip);
        assumeTrue(run("python3", "--version").startsWith("Python 3"), "skipped: no python3 for the hosts' TCP");
        long pid = ProcessHandle.current().pid() % 100_000;
        String nsA = "mip6-tcpa-" + pid;
        String nsB = "mip6-tcpb-" + pid;
        String nearA = "m6a" + pid;
        String farA = "m6b" + pid;
        String nearB = "m6c" + pid;
        String farB = "m6d" + pid;
        EmbeddedWorld w = world("realtime");
        PcapLiveLinks live = new PcapLiveLinks(w);
        Process server = null;
        try {
            host(nsA, nearA, farA, "2001:db8:1::99", "2001:db8:1::1"); // on home, through ar-home
            host(nsB, nearB, farB, "2001:db8:4::99", "2001:db8:4::1"); // on cn-link, through ar-cn
            live.bridge("home", nearA);
            live.bridge("cn-link", nearB);
            server = new ProcessBuilder("ip", "netns", "exec", nsB, "python3", "-c", "import socket\n"
                    + "s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)\n"
                    + "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
                    + "s.bind(('2001:db8:4::99', 5001))\ns.listen(1)\nprint('listening', flush=True)\n"
                    + "s.settimeout(60)\nc, _ = s.accept()\nc.settimeout(60)\nn = 0\n"
                    + "while True:\n    d = c.recv(65536)\n    if not d:\n        break\n    n += len(d)\n"
                    + "print(n, flush=True)").redirectErrorStream(true).start();
            java.io.BufferedReader out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("listening", out.readLine());
            String sent = sh("ip", "netns", "exec", nsA, "python3", "-c", "import socket\n"
                    + "s = socket.create_connection(('2001:db8:4::99', 5001), timeout=20)\n"
                    + "s.sendall(bytes(range(256)) * 4096)\ns.shutdown(socket.SHUT_WR)\n"
                    + "s.settimeout(20)\ns.recv(1)\nprint('sent')");
            assertEquals("sent", sent.strip());
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the receiving host did not finish: " + live.bridges());
            assertEquals(String.valueOf(256 * 4096), out.readLine(), live.bridges().toString());
            LiveLinks.Bridge home = live.bridges().stream().filter(b -> b.link().equals("home")).findFirst().orElseThrow();
            // a veth offers TSO by default, so the sender's data came in super-packets the bridge cut (a kernel whose
            // veth does not would have sent segments that fit: then the transfer above is the whole check)
            System.out.println("TCP across the world: " + home.segmented() + " super-packets cut on home, " + home);
        } finally {
            if (server != null) {
                server.destroyForcibly();
            }
            live.close();
            w.close();
            run("ip", "netns", "del", nsA);
            run("ip", "netns", "del", nsB);
            run("ip", "link", "del", nearA);
            run("ip", "link", "del", nearB);
        }
    }

    /**
     * A Linux host in namespace {@code ns} at the far end of a veth pair ({@code far}, with a static address, still
     * down), {@code near} up in the root namespace for a bridge.
     */
    private static void namespaceHost(String ns, String near, String far, String address) throws Exception {
        canMake("ip", "netns", "add", ns);
        canMake("ip", "link", "add", near, "type", "veth", "peer", "name", far);
        sh("ip", "link", "set", far, "netns", ns);
        // the bridge's end carries the world's frames only: no IPv6 of the host's own on it
        Files.writeString(Path.of("/proc/sys/net/ipv6/conf", near, "disable_ipv6"), "1");
        sh("ip", "link", "set", near, "up");
        sh("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        sh("ip", "netns", "exec", ns, "ip", "-6", "addr", "add", address + "/64", "dev", far, "nodad");
    }

    /** {@link #namespaceHost}, its link up and its default route set (no waiting for RAs). */
    private static void host(String ns, String near, String far, String address, String router) throws Exception {
        namespaceHost(ns, near, far, address);
        sh("ip", "netns", "exec", ns, "ip", "link", "set", far, "up");
        sh("ip", "netns", "exec", ns, "ip", "-6", "route", "add", "default", "via", router, "dev", far);
    }

    @Test
    void aBridgeOnAQuietInterfaceStopsAtOnce() throws Exception {
        String skip = whyNot();
        assumeTrue(skip == null, () -> "skipped: " + skip);
        long pid = ProcessHandle.current().pid() % 100_000;
        String near = "m6q" + pid;
        String far = "m6r" + pid; // left down: nothing ever arrives on near
        EmbeddedWorld w = world("realtime");
        PcapLiveLinks live = new PcapLiveLinks(w);
        try {
            canMake("ip", "link", "add", near, "type", "veth", "peer", "name", far);
            Files.writeString(Path.of("/proc/sys/net/ipv6/conf", near, "disable_ipv6"), "1");
            sh("ip", "link", "set", near, "up");
            live.bridge("foreign2", near);
            Thread.sleep(300); // the reader is waiting in pcap_next now
            // in immediate mode that read waits for a frame however long; unbridging must not wait for one
            assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> live.unbridge("foreign2")));
            // an interface that goes away under a bridge: the read fails (recorded, not a silent spin)
            live.bridge("foreign2", near);
            sh("ip", "link", "del", near);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            LiveLinks.Bridge gone = live.bridges().get(0);
            while (!String.valueOf(gone.error()).startsWith("receive") && System.nanoTime() < until) {
                Thread.sleep(20); // the last error: the read's repeats, a send's (the world's RAs) may come between
                gone = live.bridges().get(0);
            }
            assertTrue(String.valueOf(gone.error()).startsWith("receive"), gone.toString());
            assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> live.unbridge("foreign2")));
        } finally {
            assertTimeoutPreemptively(Duration.ofSeconds(5), live::close); // a hung close fails, not hangs, the build
            w.close();
            run("ip", "link", "del", near);
        }
    }

    /** The host's address formed from a prefix (dynamic, no longer tentative) in {@code ip -6 addr} output, or null. */
    static String autoconfigured(String ipAddr) {
        Matcher m = Pattern.compile("inet6 (2001:db8:1:[0-9a-f:]+)/64 scope global dynamic").matcher(ipAddr);
        while (m.find()) {
            String line = ipAddr.substring(m.start(), Math.max(m.start(), ipAddr.indexOf('\n', m.start())));
            if (!line.contains("tentative")) {
                return m.group(1);
            }
        }
        return null;
    }

    static long badChecksums(EmbeddedWorld w, String node) {
        return w.nodes().stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow().counters()
                .getOrDefault("decode.BAD_CHECKSUM", 0L);
    }

    /** Why the live test cannot run here, or null. */
    static String whyNot() {
        try {
            if (!"0".equals(run("id", "-u").trim())) {
                return "not root (pcap and network namespaces need it)";
            }
        } catch (IOException e) {
            return "no id command: " + e.getMessage();
        }
        if (!Files.isDirectory(Path.of("/proc/sys/net/ipv6"))) {
            return "this kernel has no IPv6 (/proc/sys/net/ipv6)";
        }
        try {
            run("ip", "-V");
        } catch (IOException e) {
            return "no iproute2 (ip): " + e.getMessage();
        }
        try {
            Pcaps.findAllDevs();
        } catch (Throwable t) { // UnsatisfiedLinkError without libpcap
            return "no libpcap (Debian: libpcap0.8): " + t;
        }
        return null;
    }

    /** Runs a command that makes a namespace or interface: where the sandbox forbids it, the test is skipped. */
    static void canMake(String... cmd) throws IOException, InterruptedException {
        try {
            sh(cmd);
        } catch (IOException e) {
            assumeTrue(false, "skipped: cannot " + String.join(" ", cmd) + " here: " + e.getMessage());
        }
    }

    /** Runs a command, failing the test when it fails. */
    static String sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /** Runs a command, whatever its exit code; its output. */
    static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
