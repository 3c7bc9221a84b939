package org.mip6.itests;

import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/** The default world through the shell, as a user drives it. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WorldIT extends WorkbenchTestSupport {

    @Test
    public void defaultWorldOnVirtualTime() throws Exception {
        String w = execute("mip6:world reset --virtual --seed 7");
        assertTrue(w, w.contains("virtual time, seed 7"));
        String nodes = execute("mip6:node-list --no-format");
        for (String n : new String[] {"ha", "mn", "cn", "ar-home", "ar-f1", "ar-f2", "ar-cn"}) {
            assertTrue(n + " in\n" + nodes, java.util.regex.Pattern.compile("(?m)^" + n + " *\t").matcher(nodes).find());
        }
        assertTrue(nodes, nodes.contains("2001:db8:4:"));
        String topo = execute("mip6:topology --no-format");
        for (String l : new String[] {"home", "foreign1", "foreign2", "cn-link", "backbone"}) {
            assertTrue(l + " in\n" + topo, java.util.regex.Pattern.compile("(?m)^" + l + " *\t").matcher(topo).find());
        }
        String ping = execute("mip6:ping --interval 100ms mn cn 3");
        assertTrue(ping, ping.contains("3 sent, 3 received, 0 lost"));
        assertTrue(ping, ping.contains("rtt min/avg/max = 24.000/")); // 1 + 10 + 1 ms each way; the first echo also resolves neighbours
        // a group mn's upper layers join (RFC 3810): ha, on the same link, reaches it by a multicast echo request
        String joined = execute("mip6:join mn ff0e::505");
        assertTrue(joined, joined.contains("mn joined ff0e::505"));
        String groups = execute("mip6:groups --no-format mn");
        assertTrue(groups, java.util.regex.Pattern.compile("(?m)^mn *\teth0 *\tff0e::505 *\tjoined$").matcher(groups).find());
        assertTrue(groups, java.util.regex.Pattern.compile("(?m)^mn *\teth0 *\tff02::1:ff00:b *\taddress$").matcher(groups).find());
        String group = execute("mip6:ping --interval 100ms ha ff0e::505 1");
        assertTrue(group, group.contains("1 sent, 1 received"));
        String left = execute("mip6:join mn ff0e::505 --leave");
        assertTrue(left, left.contains("mn left ff0e::505"));
        execute("mip6:attach mn foreign1");
        String run = execute("mip6:run 8s");
        assertTrue(run, run.contains("clock at"));
        String away = execute("mip6:ping mn cn 2 --interval 100ms");
        // mn is a mobile node of ha (etc/org.mip6.mn-mn.cfg): away, it talks from its home address through
        // the reverse tunnel (2 + 10 + 1 ms to ha, 1 + 10 + 1 to cn, and back the same way: 50 ms); that first
        // echo starts return routability with cn (etc/org.mip6.cn-cn.cfg), done within 100 ms, and the
        // second goes on the direct path (2 + 10 + 1 ms each way: 26 ms)
        assertTrue(away, away.contains("2 sent, 2 received") && away.contains("rtt min/avg/max = 26.000/38.000/50.000"));
        // ha's view of mn away: a tunnel route to its home address, the home address proxied (RFC 6275 §10.4.1)
        String routes = execute("mip6:routes ha --no-format");
        assertTrue(routes, java.util.regex.Pattern.compile("(?m)^ha *\t2001:db8:1::ff:fe00:b/128 *\ttunnel *\ttunnel [0-9]+ *\t2001:db8:2:").matcher(routes).find());
        // mn's reverse tunnelling (§11.3.1): a route by source, what it sends from its home address into its tunnel to ha
        String mnRoutes = execute("mip6:routes mn --no-format");
        assertTrue(mnRoutes, java.util.regex.Pattern.compile("(?m)^mn *\t::/0 *\ttunnel *\ttunnel [0-9]+ *\t2001:db8:1::2 *\t- *\t- *"
                + "\t2001:db8:1::ff:fe00:b$").matcher(mnRoutes).find());
        String neighbors = execute("mip6:neighbor-cache --no-format ha");
        assertTrue(neighbors, java.util.regex.Pattern.compile("(?m)^ha *\teth0 *\t2001:db8:1::ff:fe00:b *\t[0-9a-f:]+ *\tPROXY").matcher(neighbors).find());
        // the tunnels of both ends: mn's reverse tunnel to ha (any inner source), ha's to mn bound to its home address
        String tunnels = execute("mip6:tunnels --no-format");
        assertTrue(tunnels, java.util.regex.Pattern.compile("(?m)^mn *\t[0-9]+ *\t2001:db8:2::ff:fe00:b *\t2001:db8:1::2 *\tany *\t[0-9.]+$").matcher(tunnels).find());
        assertTrue(tunnels, java.util.regex.Pattern.compile("(?m)^ha *\t[0-9]+ *\t2001:db8:1::2 *\t2001:db8:2::ff:fe00:b *\t2001:db8:1::ff:fe00:b *\t[0-9.]+$").matcher(tunnels).find());
        // RFC 4861 §6.3.2: the routers' RAs set CurHopLimit 64 and leave the timers (0: unspecified); ha, a router, learns none
        String host = execute("mip6:host-variables --no-format");
        // (its ReachableTime drawn between 0.5 and 1.5 times BaseReachableTime, §6.3.2)
        assertTrue(host, java.util.regex.Pattern.compile("(?m)^mn *\\teth0 *\\t64 *\\t30000 *\\t(1[5-9]|[2-3][0-9]|4[0-4])[0-9]{3} *\\t1000 *\\thop-limit$").matcher(host).find());
        assertTrue(host, java.util.regex.Pattern.compile("(?m)^ha *\\teth0 *\\t64 *\\t30000 *\\t(1[5-9]|[2-3][0-9]|4[0-4])[0-9]{3} *\\t1000 *\\t-$").matcher(host).find());
        String counters = execute("mip6:counters --no-format cn");
        assertTrue(counters, java.util.regex.Pattern.compile("(?m)^cn *\\treceived *\\t *[1-9]").matcher(counters).find());
        assertTrue(counters, java.util.regex.Pattern.compile("(?m)^cn *\\ttimers *\\t *[1-9]").matcher(counters).find());
    }

    @Test
    public void aLinkChangedInPlaceKeepsTheWorld() throws Exception {
        execute("mip6:world reset --virtual --seed 7");
        String set = execute("mip6:link-set backbone --delay 30ms --no-format");
        assertTrue(set, set.contains("backbone\t30000000\t0\t0.0\t0\t1500"));
        String topo = execute("mip6:topology --no-format");
        assertTrue(topo, java.util.regex.Pattern.compile("(?m)^backbone *\t30 ms").matcher(topo).find());
        String ping = execute("mip6:ping --interval 100ms mn cn 2");
        assertTrue(ping, ping.contains("2 sent, 2 received") && ping.contains("rtt min/avg/max = 64.000/")); // 1 + 30 + 1 ms each way
        try {
            execute("mip6:link-set backbone --loss 1");
            org.junit.Assert.fail("a loss of 1 was taken");
        } catch (Exception e) { // the world's IllegalArgumentException, as the shell passes it on
            assertTrue(e.toString(), String.valueOf(e.getMessage()).contains("loss must be in [0, 1)"));
        }
        String lossy = execute("mip6:link-set cn-link --loss '5%' --bandwidth 2M"); // quoted: Gogo reads a bare %
        assertTrue(lossy, lossy.contains("cn-link: delay 1 ms, jitter 0 ms, loss 5.00 %, bandwidth 2000000 bit/s"));
        String mtu = execute("mip6:link-set --mtu 1280 backbone --no-format");
        assertTrue(mtu, mtu.contains("backbone\t30000000\t0\t0.0\t0\t1280"));
        execute("mip6:ping --size 1300 --interval 100ms mn cn 3"); // ar-home answers the first with Packet Too Big
        String pmtu = execute("mip6:path-mtu mn --no-format");
        assertTrue(pmtu, java.util.regex.Pattern.compile("(?m)^mn *\t2001:db8:4::ff:fe00:9 *\t1280 *\t(59[0-9]|600)$").matcher(pmtu).find());
        execute("mip6:world reset --virtual --seed 7");
        topo = execute("mip6:topology --no-format");
        assertTrue(topo, java.util.regex.Pattern.compile("(?m)^backbone *\t10 ms").matcher(topo).find());
    }

    @Test
    public void trafficFlowOnVirtualTime() throws Exception {
        execute("mip6:world reset --virtual --seed 9");
        String started = execute("mip6:traffic --interval 100ms start mn cn");
        assertTrue(started, started.contains("flow 1: mn -> cn"));
        execute("mip6:run 5s");
        execute("mip6:traffic stop");
        // 51 requests (t = 0 .. 5 s); the last reply is still in flight when the run stops
        String stats = execute("mip6:traffic stats --no-format");
        assertTrue(stats, java.util.regex.Pattern.compile("(?m)^1 *\\tmn *\\t2001:db8:4::[0-9a-f:]+ *\\ticmpv6 *\\t100 ms *\\tstopped *\\t51 *\\t50 *\\t0 *\\t1 *\\t24.000/").matcher(stats).find());
    }

    @Test
    public void worldSurvivesAnUpdateOfTheShell() throws Exception {
        execute("mip6:world reset --virtual --seed 8");
        Bundle shell = bundle("org.mip6.shell");
        // Felix refuses an update while another resolve holds its global lock (still booting): try again
        await("bundle:update of the shell", () -> {
            try {
                execute("bundle:update " + shell.getBundleId());
                return true;
            } catch (Exception e) {
                return false;
            }
        });
        await("shell active", () -> shell.getState() == Bundle.ACTIVE);
        await("mip6:ping back", () -> {
            try {
                return execute("mip6:ping --interval 100ms mn cn 1").contains("1 received");
            } catch (Exception e) {
                return false;
            }
        });
    }
}
