package org.mip6.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.mip6.world.TrafficStats;
import org.mip6.world.World;
import org.osgi.framework.Bundle;

/**
 * The default world's {@code mn} is a mobile node of {@code ha} out of the box (etc/org.mip6.mn-mn.cfg):
 * moved to a foreign link it registers, stays reachable on its home address, and a stop and start of
 * the {@code mn} bundle keeps its registration.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MobileNodeIT extends WorkbenchTestSupport {

    static final String HOA = "2001:db8:1::ff:fe00:b";

    @javax.inject.Inject
    World world;

    @Test
    public void mnRegistersAwayStaysReachableAndKeepsItsRegistrationAcrossASwap() throws Exception {
        execute("mip6:world reset --realtime --seed 12");
        awaitNodeList("mn's home address", HOA + "/64");
        String moved = execute("mip6:move mn foreign1");
        assertTrue(moved, moved.startsWith("mn moved to foreign1: care-of address 2001:db8:2::ff:fe00:b, registered with"
                + " 2001:db8:1::2 for 600 s"));
        assertTrue(bul(), bul().contains("\tregistered\t"));
        String bc = execute("mip6:bc ha --no-format");
        assertTrue(bc, bc.contains("ha\t" + HOA + "\t2001:db8:2::ff:fe00:b\t"));
        String ping = execute("mip6:ping --interval 100ms cn " + HOA + " 3");
        assertTrue(ping + "\n" + execute("mip6:counters --no-format") + execute("mip6:bul --no-format"), ping.contains("3 received"));

        String before = withoutRemaining(bul());
        Bundle mn = bundle("org.mip6.mn");
        mn.stop();
        assertEquals("the binding update list stays while mn is away", before, withoutRemaining(bul()));
        String meanwhile = execute("mip6:ping --interval 100ms cn " + HOA + " 3");
        assertTrue("the tunnel is the node's: traffic flows without the role\n" + meanwhile, meanwhile.contains("3 received"));
        mn.start();
        awaitOutput("the mobile node role back", "mip6:counters mn --all --no-format", "mn.bu.sent");
        String ping2 = execute("mip6:ping --interval 100ms cn mn 3"); // a mobile node is addressed at its home address
        assertTrue(ping2 + "\n" + execute("mip6:counters --no-format"), ping2.contains("3 received")
                && ping2.contains("-> " + HOA + ":"));
        assertTrue(bul(), bul().contains("\tregistered\t"));

        String home = execute("mip6:home mn");
        assertTrue(home, home.startsWith("mn is home on home: deregistered"));
        assertEquals("", bul().strip());
        assertEquals("", execute("mip6:bc ha --no-format").strip());
    }

    /**
     * The traffic generator (UDP, every 20 ms) from cn to mn while mn moves to foreign1, foreign2 and
     * home on virtual time: it loses datagrams only inside the handover gaps, each measured by
     * mip6:move / mip6:home (the move to the Binding Acknowledgement) plus the path to the home agent.
     */
    @Test
    public void theTrafficGeneratorLosesOnlyInsideTheHandoverGaps() throws Exception {
        execute("mip6:world reset --virtual --seed 12");
        String flow = execute("mip6:traffic --udp --interval 20ms start cn mn");
        assertTrue(flow, flow.contains("-> mn (udp)"));
        int id = Integer.parseInt(flow.replaceAll("(?s)^flow (\\d+):.*", "$1"));
        execute("mip6:run 2s");
        long gapsMs = 0;
        // the last move, to the home link, is a return home: mip6:move waits for the deregistration (as mip6:home)
        for (String step : new String[] {"mip6:move mn foreign1", "mip6:move mn foreign2", "mip6:move mn home"}) {
            String out = execute(step);
            Matcher m = Pattern.compile("(\\d+)\\.(\\d{3}) s after the move").matcher(out);
            assertTrue(step + ": " + out, m.find());
            gapsMs += Long.parseLong(m.group(1)) * 1000 + Long.parseLong(m.group(2));
            execute("mip6:run 3s");
        }
        String again = execute("mip6:move mn home");
        assertTrue(again, again.startsWith("mn attached to home again: no binding to update"));
        execute("mip6:traffic stop " + id);
        execute("mip6:run 2s");
        TrafficStats t = world.traffic().stream().filter(x -> x.id() == id).findFirst().orElseThrow();
        // each gap: the time to the BA plus up to 100 ms of path (cn-ha 12 ms, ha-mn up to 16 ms, and back)
        long bound = (gapsMs + 3 * 100) / 20 + 3;
        String report = t + ", gaps " + gapsMs + " ms in all, at most " + bound + " lost\n" + execute("mip6:counters --no-format");
        assertTrue(report, t.received() > 400);
        assertTrue(report, t.lost() > 0);
        assertTrue(report, t.lost() <= bound);
        assertEquals(report, 0, t.outstanding());
    }

    /**
     * Multicast through the home agent's tunnel (RFC 6275 §10.4.3, §11.3.4) configured in Karaf: ha's tunnelMulticast
     * and mn's multicastGroups. Away, mn answers ha's query through the tunnel, and an echo request ar-home sends the
     * group on the home link reaches mn through the tunnel; its reply, from the home address, comes back the same way.
     */
    @Test
    public void withTunnelMulticastConfiguredAnEchoToTheGroupOnTheHomeLinkReachesTheMobileNodeAway() throws Exception {
        org.osgi.service.cm.ConfigurationAdmin cm = bundleContext.getService(
                bundleContext.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
        org.osgi.service.cm.Configuration ha = cm.listConfigurations("(service.factoryPid=org.mip6.ha)")[0];
        org.osgi.service.cm.Configuration mn = cm.listConfigurations("(service.factoryPid=org.mip6.mn)")[0];
        java.util.Dictionary<String, Object> haBefore = ha.getProperties();
        java.util.Dictionary<String, Object> mnBefore = mn.getProperties();
        try {
            ha.update(with(haBefore, "tunnelMulticast", "true"));
            mn.update(with(mnBefore, "multicastGroups", "ff0e::101"));
            awaitOutput("ha with tunnelMulticast", "mip6:counters ha --all --no-format", "ha.mld.queries-sent");
            awaitOutput("mn with multicastGroups", "mip6:counters mn --all --no-format", "mn.mld.reports-sent");
            execute("mip6:world reset --virtual --seed 12");
            awaitNodeList("mn's home address", HOA + "/64");
            String moved = execute("mip6:move mn foreign1");
            assertTrue(moved, moved.contains("registered with"));
            execute("mip6:run 11s"); // ha's first query, and mn's answer within its 10 s
            String counters = execute("mip6:counters --no-format");
            assertTrue(counters, counters.contains("ha\tha.mld.joins\t1\n") && counters.contains("mn\tmn.mld.reports-sent\t1\n"));
            String ping = execute("mip6:ping ar-home ff0e::101 1");
            assertTrue(ping + "\n" + execute("mip6:counters --no-format"), ping.contains("1 received")); // mn alone listens
        } finally {
            ha.update(haBefore);
            mn.update(mnBefore);
        }
        long until = System.nanoTime() + 30_000_000_000L; // the roles back as configured before, for the tests after
        while (execute("mip6:counters --all --no-format").contains(".mld.") && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertTrue(!execute("mip6:counters --all --no-format").contains("ha.mld.queries-sent"));
    }

    private static java.util.Dictionary<String, Object> with(java.util.Dictionary<String, Object> d, String key, Object value) {
        java.util.Hashtable<String, Object> copy = new java.util.Hashtable<>();
        for (java.util.Enumeration<String> k = d.keys(); k.hasMoreElements(); ) {
            String n = k.nextElement();
            copy.put(n, d.get(n));
        }
        copy.put(key, value);
        return copy;
    }

    /** The list without its remaining-time column, which moves with the clock. */
    private static String withoutRemaining(String bul) {
        StringBuilder b = new StringBuilder();
        for (String line : bul.split("\n")) {
            String[] f = line.split("\t");
            for (int i = 0; i < f.length; i++) {
                if (i != 6) {
                    b.append(f[i]).append('\t');
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private String bul() {
        try {
            return execute("mip6:bul mn --no-format");
        } catch (Exception e) {
            return "";
        }
    }
}
