package org.mip6.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.mip6.net.Ipv6Address;
import org.mip6.role.MobilityHandler;
import org.mip6.role.RoleNode;
import org.mip6.role.RoutingHeader2Handler;
import org.mip6.role.Verdict;
import org.mip6.state.BindingCache;
import org.mip6.state.BindingCacheEntry;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.mh.MobilityMessage;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.world.TrafficStats;
import org.mip6.world.World;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * The home agent bundle in the distribution: it attaches to {@code ha} from its etc/ configuration,
 * registers a binding sent from {@code mn} (the Binding Update made with the codec: the MN role comes
 * next), and is stopped and started with the binding present: the binding, its expiry time and the
 * data path stay, the new instance re-arms the expiry, and plain traffic in the world flows on.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HomeAgentIT extends WorkbenchTestSupport {

    static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::2");

    @javax.inject.Inject
    BindingCache cache;

    @javax.inject.Inject
    World world;

    @javax.inject.Inject
    org.osgi.service.component.runtime.ServiceComponentRuntime scr;

    @Test
    public void bindingsAndTheirTimersSurviveAStopAndStartOfTheHomeAgentBundle() throws Exception {
        // mn plays the mobile node by hand here (its short lifetime expires during the test): no MN role
        org.osgi.service.cm.ConfigurationAdmin cm = bundleContext.getService(
                bundleContext.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
        org.osgi.service.cm.Configuration[] mnRole = cm.listConfigurations("(service.factoryPid=org.mip6.mn)");
        if (mnRole != null) {
            for (org.osgi.service.cm.Configuration c : mnRole) {
                c.delete();
            }
        }
        await("no mobile node role on mn", () -> !handler("mn", 6));
        execute("mip6:world reset --realtime --seed 9");
        RoleNode mn = node("mn");
        await("the home agent's handler on ha", () -> handler("ha", 5));
        Ipv6Address hoa = globalAddress(mn);
        List<MobilityMessage.BindingAcknowledgement> acks = new ArrayList<>();
        List<ServiceRegistration<?>> regs = new ArrayList<>();
        Hashtable<String, Object> ba = new Hashtable<>();
        ba.put(RoleNode.NODE, "mn");
        ba.put(MobilityHandler.MH_TYPE, 6);
        regs.add(bundleContext.registerService(MobilityHandler.class, (p, m) -> {
            synchronized (acks) {
                acks.add((MobilityMessage.BindingAcknowledgement) m);
            }
        }, ba));
        Hashtable<String, Object> rh = new Hashtable<>();
        rh.put(RoleNode.NODE, "mn");
        regs.add(bundleContext.registerService(RoutingHeader2Handler.class, p -> Verdict.ACCEPT, rh));
        try {
            execute("mip6:attach mn foreign1");
            Ipv6Address coa = awaitAddressIn(mn, "2001:db8:2::");
            // 3 units: 12 s, so that the expiry falls after the bundle is back
            mn.execute(() -> mn.send(new Ipv6Packet(0, 0, 64, coa, HA,
                    List.of(ExtensionHeader.DestinationOptions.homeAddress(hoa)), new Payload.Mobility(
                    new BindingUpdate(1, BindingUpdate.A | BindingUpdate.H, 3, List.of())))));
            await("the Binding Acknowledgement", () -> {
                synchronized (acks) {
                    return !acks.isEmpty();
                }
            });
            assertEquals(0, acks.get(0).status());
            BindingCacheEntry before = cache.get("ha", hoa).orElse(null);
            assertNotNull("binding of " + hoa, before);
            int udp = world.startUdpTraffic("cn", "ar-f2", Duration.ofMillis(20));

            Bundle haBundle = bundle("org.mip6.ha");
            haBundle.stop();
            assertEquals("the binding stays while the home agent is away", before, cache.get("ha", hoa).orElse(null));
            RoleNode ha = node("ha");
            assertTrue("the data path stays: ha still answers for the home address",
                    onNode(ha, () -> ha.isOwnAddress(hoa)));
            Thread.sleep(500);
            haBundle.start();
            await("the home agent back on ha", () -> handler("ha", 5));
            assertEquals("the same binding, the same expiry", before, cache.get("ha", hoa).orElse(null));

            // the new instance re-armed the expiry: the binding goes at its time (12 s after registration)
            long left = (before.expiresAt() - world.nowNanos()) / 1_000_000L;
            assertTrue("expiry still ahead: " + left + " ms", left > 0);
            Thread.sleep(left + 1500);
            assertNull("expired by the new instance", cache.get("ha", hoa).orElse(null));
            assertFalse("proxy ND stopped", onNode(ha, () -> ha.isOwnAddress(hoa)));
            assertTrue(execute("mip6:counters ha --no-format"), execute("mip6:counters ha --no-format")
                    .contains("ha\tha.binding.expired\t1"));

            world.stopTraffic(udp);
            TrafficStats t = world.traffic().stream().filter(s -> s.id() == udp).findFirst().orElse(null);
            assertNotNull("traffic " + udp, t);
            assertTrue("plain traffic flowed: " + t, t.received() > 100);
            assertEquals("plain traffic undisturbed: " + t, 0, t.lost());
        } finally {
            regs.forEach(ServiceRegistration::unregister);
        }
    }

    @Test
    public void badConfigurationIsRefusedWithPidAndField() throws Exception {
        org.osgi.service.cm.ConfigurationAdmin cm = bundleContext.getService(
                bundleContext.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
        org.osgi.service.cm.Configuration c = cm.getFactoryConfiguration("org.mip6.ha", "bad", "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("node", "nobody");
        c.update(p);
        try {
            // SCR keeps why the activation failed: the message the component also logs
            String[] failure = new String[1];
            await("the home agent component refusing org.mip6.ha~bad", () -> {
                for (var d : scr.getComponentDescriptionDTOs(bundle("org.mip6.ha"))) {
                    for (var cc : scr.getComponentConfigurationDTOs(d)) {
                        if ("org.mip6.ha~bad".equals(cc.properties.get("service.pid"))
                                && cc.state == org.osgi.service.component.runtime.dto.ComponentConfigurationDTO.FAILED_ACTIVATION) {
                            failure[0] = cc.failure;
                            return true;
                        }
                    }
                }
                return false;
            });
            assertTrue(failure[0], failure[0].contains("configuration org.mip6.ha~bad, field node:")
                    && failure[0].contains("nobody"));
            assertFalse("nothing registered for the unknown node", handler("nobody", 5));
        } finally {
            c.delete();
        }
    }

    private boolean handler(String node, int mhType) {
        try {
            return !bundleContext.getServiceReferences(MobilityHandler.class,
                    "(&(" + RoleNode.NODE + "=" + node + ")(" + MobilityHandler.MH_TYPE + "=" + mhType + "))").isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static Ipv6Address awaitAddressIn(RoleNode n, String prefix) throws Exception {
        long end = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < end) {
            for (var i : onNode(n, n::interfaces)) {
                for (var a : i.addresses()) {
                    if (a.state().equals("PREFERRED") && a.address().toString().startsWith(prefix)) {
                        return a.address();
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(n.name() + " has no address in " + prefix + " after 30 s");
    }
}
