package org.mip6.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.mip6.net.Ipv6Address;
import org.mip6.node.NodeListener;
import org.mip6.role.MobilityHandler;
import org.mip6.role.RoleNode;
import org.mip6.wire.Bytes;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.mh.MobilityMessage;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * The role contract end to end (DESIGN §3): nodes are services, a role bundle registers a handler
 * for {@code cn} through the whiteboard, traffic flows through it, and its bundle is stopped and
 * started while {@code mn} keeps sending: the node holds the messages meanwhile and delivers them, in
 * order, to the role when it is back. Nothing is lost.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RoleContractIT extends WorkbenchTestSupport {

    static final int MH_TYPE = 11;
    static final int REPLY_PORT = 9999;

    @Test
    public void testRoleStoppedAndStartedUnderTrafficLosesNothing() throws Exception {
        execute("mip6:world reset --realtime --seed 11");
        RoleNode mn = node("mn");
        RoleNode cn = node("cn");
        Ipv6Address cnAddress = globalAddress(cn);
        globalAddress(mn);
        mn.execute(() -> mn.listenUdp(REPLY_PORT)); // the test role's replies come to this port (no port unreachable)

        String path = System.getProperty("mip6.test-role");
        assertTrue("the test role's jar is passed in mip6.test-role", path != null && !path.isBlank());
        Bundle role = bundleContext.installBundle(new File(path).toURI().toString());
        role.start();
        await("the test role's handler on cn", () -> handlerOnCn());

        List<Integer> replies = new ArrayList<>();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(RoleNode.NODE, "mn");
        ServiceRegistration<NodeListener> listener = bundleContext.registerService(NodeListener.class, new NodeListener() {
            @Override
            public void udp(long now, Ipv6Address from, int sourcePort, int destinationPort, byte[] data) {
                if (destinationPort == REPLY_PORT && data.length >= 4) {
                    synchronized (replies) {
                        replies.add((data[0] & 0xff) << 24 | (data[1] & 0xff) << 16 | (data[2] & 0xff) << 8 | data[3] & 0xff);
                    }
                }
            }
        }, props);

        // one exchange first, so that every neighbour cache on the path is resolved: a router queues only
        // a few packets per neighbour while it resolves (RFC 4861 §7.2.2), and that is not what is tested
        mn.execute(() -> mn.send(Ipv6Packet.of(Ipv6Address.UNSPECIFIED, cnAddress, 64, new Payload.Mobility(message(0)))));
        await("the first exchange", () -> {
            synchronized (replies) {
                return replies.contains(0);
            }
        });
        synchronized (replies) {
            replies.clear();
        }

        int total = 300;
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        try {
            sender.scheduleAtFixedRate(() -> {
                int seq = sent.incrementAndGet();
                if (seq <= total) {
                    mn.execute(() -> mn.send(Ipv6Packet.of(Ipv6Address.UNSPECIFIED, cnAddress, 64,
                            new Payload.Mobility(message(seq)))));
                }
            }, 0, 5, TimeUnit.MILLISECONDS);
            await("100 sent", () -> sent.get() >= 100);
            role.stop(); // the role's bundle goes away under traffic: its handler with it
            Thread.sleep(300);
            role.start();
            await("all sent", () -> sent.get() >= total);
        } finally {
            sender.shutdownNow();
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            synchronized (replies) {
                if (replies.size() >= total) {
                    break;
                }
            }
            Thread.sleep(50);
        }
        Map<String, Long> c = counters(cn);
        synchronized (replies) {
            List<Integer> missing = new ArrayList<>();
            for (int k = 1; k <= total; k++) {
                if (!replies.contains(k)) {
                    missing.add(k);
                }
            }
            System.out.println("RoleContractIT: cn " + c + ", mn " + counters(mn) + ", missing " + missing);
            if (!missing.isEmpty()) {
                System.out.println("RoleContractIT counters:\n" + execute("mip6:counters --no-format"));
            }
            assertEquals("replies; missing " + missing + " (cn counters " + c + ", mn counters " + counters(mn) + ")",
                    total, replies.size());
        }
        listener.unregister();
        role.uninstall();
        List<Integer> expected = new ArrayList<>();
        for (int k = 1; k <= total; k++) {
            expected.add(k);
        }
        synchronized (replies) {
            assertEquals("every message handled once, in order", expected, replies);
        }
        assertTrue("messages were held while the role was away: " + c, c.get("hold.held") > 0);
        assertEquals("every held message delivered: " + c, c.get("hold.held"), c.get("hold.delivered"));
        assertEquals("none expired: " + c, 0L, (long) c.get("hold.expired"));
        assertEquals("none refused: " + c, 0L, (long) c.get("hold.overflow"));
    }

    @Test
    public void nodesAreServicesWithTheirNames() throws Exception {
        execute("mip6:world reset --virtual --seed 3");
        for (String n : new String[] {"ha", "mn", "cn", "ar-home", "ar-f1", "ar-f2", "ar-cn"}) {
            assertEquals(n, node(n).name());
        }
    }

    static MobilityMessage message(int seq) {
        byte[] body = new byte[10]; // the Mobility Header is 16 bytes: a multiple of 8 (RFC 6275 §6.1.1)
        body[0] = (byte) (seq >>> 24);
        body[1] = (byte) (seq >>> 16);
        body[2] = (byte) (seq >>> 8);
        body[3] = (byte) seq;
        return new MobilityMessage.UnknownMobilityMessage(MH_TYPE, Bytes.of(body));
    }

    private boolean handlerOnCn() {
        try {
            Collection<ServiceReference<MobilityHandler>> refs = bundleContext.getServiceReferences(MobilityHandler.class,
                    "(&(" + RoleNode.NODE + "=cn)(" + MobilityHandler.MH_TYPE + "=" + MH_TYPE + "))");
            return !refs.isEmpty();
        } catch (Exception e) {
            return false;
        }
    }
}
