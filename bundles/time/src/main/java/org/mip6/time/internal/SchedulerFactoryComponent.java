package org.mip6.time.internal;

import org.mip6.time.Scheduler;
import org.mip6.time.SchedulerFactory;
import org.mip6.time.TimeMode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Registers the {@link SchedulerFactory} service. Configuration PID {@code org.mip6.time}. */
@Component(service = SchedulerFactory.class, immediate = true, configurationPid = "org.mip6.time")
@Designate(ocd = SchedulerFactoryComponent.Config.class)
public final class SchedulerFactoryComponent implements SchedulerFactory {

    @ObjectClassDefinition(name = "mip6 time", description = "Schedulers: virtual (discrete-event) or real time")
    public @interface Config {
        @AttributeDefinition(description = "Time mode when a network or node does not choose one: virtual or realtime")
        String defaultMode() default "realtime";
    }

    private static final System.Logger LOG = System.getLogger("org.mip6.time");

    private volatile TimeMode defaultMode = TimeMode.REAL_TIME;

    public SchedulerFactoryComponent() {
    }

    @Activate
    @Modified
    void configure(Config config) {
        // A bad value fails activation (the component stays inactive); on @Modified SCR logs the
        // exception and the component keeps its previous mode (OSGi Compendium 112.7.1).
        try {
            defaultMode = TimeMode.parse(config.defaultMode());
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "configuration org.mip6.time, field defaultMode: " + e.getMessage());
            throw e;
        }
    }

    @Override
    public Scheduler create(TimeMode mode, String name) {
        return switch (mode) {
            case VIRTUAL -> new VirtualTimeScheduler(name);
            case REAL_TIME -> new RealTimeScheduler(name);
        };
    }

    @Override
    public TimeMode defaultMode() {
        return defaultMode;
    }
}
