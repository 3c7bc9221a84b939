package org.mip6.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.mip6.world.LinkStatus;
import org.mip6.world.World;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The topology is Config Admin configuration: edits apply live; a bad edit is rejected and nothing changes. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TopologyConfigIT extends WorkbenchTestSupport {

    @Inject
    ConfigurationAdmin cm;

    @Inject
    World world;

    Configuration find(String factoryPid, String name) throws Exception {
        Configuration[] cs = cm.listConfigurations("(&(service.factoryPid=" + factoryPid + ")(name=" + name + "))");
        assertNotNull(factoryPid + " " + name + " shipped in etc/", cs);
        return cs[0];
    }

    long homeDelay() {
        return world.links().stream().filter(l -> l.name().equals("home")).mapToLong(LinkStatus::delayNanos).findFirst()
                .orElse(-1);
    }

    @Test
    public void editingALinkAppliesLiveAndABadNodeIsRejected() throws Exception {
        execute("mip6:world reset --virtual --seed 5");
        assertEquals(1_000_000L, homeDelay());
        Configuration home = find("org.mip6.world.link", "home");
        Dictionary<String, Object> p = home.getProperties();
        p.put("delay", "3ms");
        home.update(p);
        await("home delay 3 ms", () -> homeDelay() == 3_000_000L);
        String ping = execute("mip6:ping --interval 100ms mn cn 2");
        assertTrue(ping, ping.contains("rtt min/avg/max = 28.000/")); // (3 + 10 + 1) ms each way

        Configuration mn = find("org.mip6.world.node", "mn");
        Dictionary<String, Object> bad = mn.getProperties();
        bad.put("interface.0", "moon");
        mn.update(bad);
        await("the edit refused", () -> world.topologyError() != null && world.topologyError().contains("moon"));
        assertTrue(execute("mip6:world"), execute("mip6:world").contains("last topology edit not applied"));
        assertEquals(3_000_000L, homeDelay());
        String still = execute("mip6:ping --interval 100ms mn cn 1");
        assertTrue("the running world is untouched: " + still, still.contains("1 received"));

        Dictionary<String, Object> good = mn.getProperties();
        good.put("interface.0", "home");
        mn.update(good);
        p.put("delay", "1ms");
        home.update(p);
        await("home delay back to 1 ms", () -> homeDelay() == 1_000_000L);
        await("no refused edit left", () -> world.topologyError() == null);
    }

    @Test
    public void aNewLinkAndNodeFromConfiguration() throws Exception {
        Configuration link = cm.createFactoryConfiguration("org.mip6.world.link", "?");
        Dictionary<String, Object> l = new Hashtable<>();
        l.put("name", "lab");
        l.put("delay", "4ms");
        link.update(l);
        Configuration node = cm.createFactoryConfiguration("org.mip6.world.node", "?");
        Dictionary<String, Object> n = new Hashtable<>();
        n.put("name", "probe");
        n.put("interface.0", "lab");
        n.put("address.0", "2001:db8:77::1/64");
        node.update(n);
        await("probe in the world", () -> world.nodes().stream().anyMatch(x -> x.name().equals("probe")));
        String topo = execute("mip6:topology --no-format");
        assertTrue(topo, topo.contains("lab"));
        node.delete();
        link.delete();
        await("probe gone", () -> world.nodes().stream().noneMatch(x -> x.name().equals("probe")));
    }
}
