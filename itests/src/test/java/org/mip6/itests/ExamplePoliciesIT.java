package org.mip6.itests;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The example policy bundles (examples/) as a user deploys them: dropped into deploy/, they show in
 * {@code mip6:policy} and take effect at once; removed, the roles' configuration decides again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExamplePoliciesIT extends WorkbenchTestSupport {

    @Test
    public void theExamplePoliciesTakeEffectWhenDeployedAndGoWhenRemoved() throws Exception {
        execute("mip6:world reset --virtual --seed 4");
        Path deploy = Path.of(System.getProperty("karaf.home"), "deploy");
        Path ha = deploy.resolve("example-ha-policy.jar");
        Files.copy(Path.of(System.getProperty("mip6.example.ha-policy")), ha, StandardCopyOption.REPLACE_EXISTING);
        await("the acceptance policy in use", () -> policies().contains("acceptance (ha)\tany\torg.mip6.example-ha-policy\t"));
        assertTrue(policies(), policies().contains("\tyes"));

        // foreign2 is a visited network the example refuses: BA 129, the mobile node stops
        String refused = execute("mip6:move mn foreign2");
        assertTrue(refused, refused.contains("no home registration"));
        String haCounters = execute("mip6:counters ha --no-format");
        assertTrue(haCounters, haCounters.contains("ha\tha.reject.policy\t1"));
        String mnCounters = execute("mip6:counters mn --no-format");
        assertTrue(mnCounters, mnCounters.contains("mn\tmn.ba.rejected\t1"));

        Files.delete(ha);
        await("the acceptance policy gone", () -> policies().startsWith("no policy service registered"));
        String accepted = execute("mip6:move mn foreign1");
        assertTrue(accepted, accepted.contains("registered with 2001:db8:1::2"));

        // the route-optimization example: short flows stay on the tunnel
        Path ro = deploy.resolve("example-ro-policy.jar");
        Files.copy(Path.of(System.getProperty("mip6.example.ro-policy")), ro, StandardCopyOption.REPLACE_EXISTING);
        await("the route-optimization policy in use", () -> policies().contains("route optimization (mn)\tany\torg.mip6.example-ro-policy\t"));
        String ping = execute("mip6:ping --interval 100ms cn mn 3");
        assertTrue(ping, ping.contains("3 received") && ping.contains("rtt min/avg/max = 50.000/"));
        String roCounters = execute("mip6:counters mn --all --no-format");
        assertTrue(roCounters, roCounters.contains("mn\tmn.ro.hoti.sent\t0"));
        Files.delete(ro);
        await("the route-optimization policy gone", () -> policies().startsWith("no policy service registered"));
        String optimized = execute("mip6:ping --interval 100ms cn mn 3");
        assertTrue(optimized, optimized.contains("3 received") && optimized.contains("= 26.000/"));
    }

    /**
     * RFC 6275 §11.7.3 through the distribution: an acceptance policy that answers 133 (not this mobile node's
     * home agent) is a refusal no other care-of address corrects; mn records it in its binding update list,
     * which mip6:bul shows, and sends ha no Binding Update on its next movement.
     */
    @Test
    public void aHomeAgentThatRefusesForGoodIsRecordedAndLeftAlone() throws Exception {
        execute("mip6:world reset --virtual --seed 4");
        org.osgi.framework.ServiceRegistration<org.mip6.ha.HomeRegistrationPolicy> reg = bundleContext.registerService(
                org.mip6.ha.HomeRegistrationPolicy.class, r -> 133, new java.util.Hashtable<>());
        try {
            await("the refusing policy in use", () -> policies().contains("acceptance (ha)\tany\t"));
            String refused = execute("mip6:move mn foreign1");
            assertTrue(refused, refused.contains("no home registration"));
            String bul = execute("mip6:bul mn --no-format");
            assertTrue(bul, bul.contains("mn\t2001:db8:1::2\t-\t-\t-\t-\t-\trefused\t-\thome"));
            String again = execute("mip6:move mn foreign2");
            assertTrue(again, again.contains("no home registration"));
            String haCounters = execute("mip6:counters ha --no-format");
            assertTrue(haCounters, haCounters.contains("ha\tha.bu.received\t1\n"));
            String mnCounters = execute("mip6:counters mn --no-format");
            assertTrue(mnCounters, mnCounters.contains("mn\tmn.ha.refused\t1\n"));
        } finally {
            reg.unregister();
        }
        execute("mip6:world reset --virtual --seed 4");
        assertTrue("a new node starts with an empty list", execute("mip6:bul mn --no-format").isBlank());
    }

    private String policies() {
        try {
            return execute("mip6:policy --no-format");
        } catch (Exception e) {
            return e.toString();
        }
    }
}
