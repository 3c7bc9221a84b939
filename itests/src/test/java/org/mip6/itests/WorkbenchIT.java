package org.mip6.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.mip6.time.SchedulerFactory;
import org.mip6.time.VirtualScheduler;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WorkbenchIT extends WorkbenchTestSupport {

    static final List<String> EXPECTED = List.of("org.mip6.api", "org.mip6.wire", "org.mip6.time", "org.mip6.shell",
            "org.mip6.ha", "org.mip6.dhaad", "org.mip6.mn", "org.mip6.ro", "org.mip6.cn", "org.mip6.ipsec", "org.mip6.net-pcap");

    @Inject
    FeaturesService features;

    @Inject
    ServiceComponentRuntime scr;

    @Inject
    org.osgi.service.cm.ConfigurationAdmin cm;

    @Inject
    SchedulerFactory schedulers;

    @Test
    public void featuresInstallCleanlyAndEverythingIsActive() throws Exception {
        for (String f : List.of("mip6-core", "mip6-shell", "mip6-ha", "mip6-mn", "mip6-cn", "mip6-ipsec", "mip6-live", "mip6-workbench")) {
            assertTrue(f + " installed", features.isInstalled(features.getFeature(f)));
        }
        List<String> names = mip6Bundles().stream().map(Bundle::getSymbolicName).collect(Collectors.toList());
        assertTrue("bundles " + names, names.containsAll(EXPECTED));
        assertAllActive();
        String framework = bundleContext.getBundle(0).getSymbolicName();
        String expected = System.getProperty(EXPECTED_FRAMEWORK, "felix").equals("equinox")
                ? "org.eclipse.osgi" : "org.apache.felix.framework";
        assertEquals(expected, framework);
    }

    @Test
    public void infoCommandListsBundlesAndComponents() throws Exception {
        String out = execute("mip6:info --no-format");
        for (String bsn : EXPECTED) {
            assertTrue(bsn + " in:\n" + out, out.contains(bsn));
        }
        assertTrue(out, out.contains("org.mip6.time.internal.SchedulerFactoryComponent\tACTIVE"));
    }

    @Test
    public void schedulerServiceRunsAVirtualTimeline() {
        try (VirtualScheduler s = schedulers.createVirtual("itest")) {
            StringBuilder order = new StringBuilder();
            s.schedule(2_000, () -> order.append('b'));
            s.schedule(1_000, () -> order.append('a'));
            s.schedule(2_000, () -> order.append('c'));
            s.runUntilIdle(10);
            assertEquals("abc", order.toString());
            assertEquals(2_000, s.nanos());
        }
    }

    @Test
    public void updatingTheShellBundleLeavesEverythingActive() throws Exception {
        Bundle shell = bundle("org.mip6.shell");
        ServiceReference<SchedulerFactory> before = bundleContext.getServiceReference(SchedulerFactory.class);
        long serviceId = (Long) before.getProperty("service.id");

        execute("bundle:update " + shell.getBundleId());

        await("shell bundle active again", () -> shell.getState() == Bundle.ACTIVE);
        await("mip6:info registered again", () -> {
            try {
                return execute("mip6:info --no-format").contains("org.mip6.shell");
            } catch (Exception e) {
                return false;
            }
        });
        assertAllActive();
        ServiceReference<SchedulerFactory> after = bundleContext.getServiceReference(SchedulerFactory.class);
        assertNotNull(after);
        assertEquals("time bundle untouched by the shell update (no refresh)", serviceId, after.getProperty("service.id"));
    }

    private void assertAllActive() throws Exception {
        for (Bundle b : mip6Bundles()) {
            await(b.getSymbolicName() + " ACTIVE", () -> b.getState() == Bundle.ACTIVE);
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                boolean waitsForConfiguration = "require".equals(d.configurationPolicy) && !configured(d);
                await(d.name + " active", () -> scr.getComponentConfigurationDTOs(d).stream()
                        .allMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE
                                || c.state == ComponentConfigurationDTO.SATISFIED)
                        && (waitsForConfiguration || !scr.getComponentConfigurationDTOs(d).isEmpty()));
            }
        }
    }

    /**
     * Whether the distribution has a configuration for {@code d}: a component that needs one and has none
     * (a live link, made only by a user's etc/org.mip6.live-*.cfg) rightly has no instance.
     */
    private boolean configured(ComponentDescriptionDTO d) throws Exception {
        for (String pid : d.configurationPid) {
            if (cm.listConfigurations("(|(service.pid=" + pid + ")(service.factoryPid=" + pid + "))") != null) {
                return true;
            }
        }
        return false;
    }
}
