package org.mip6.examples.ropolicy;

import org.mip6.ro.RouteOptimizationPolicy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * An example route-optimization policy for mobile nodes (docs/extending.md): return routability costs
 * four messages and a Binding Update per correspondent, so only flows that last are optimized: at least
 * {@code packets} packets and {@code seconds} seconds through the tunnel. Deploy the jar to use it,
 * remove it to go back to the mobile node's configuration. PID {@code org.mip6.examples.ropolicy}.
 */
@Component(service = RouteOptimizationPolicy.class, property = "service.ranking:Integer=10",
        configurationPid = "org.mip6.examples.ropolicy")
@Designate(ocd = LongFlowsOnly.Config.class)
public final class LongFlowsOnly implements RouteOptimizationPolicy {

    @ObjectClassDefinition(name = "mip6 example: route optimisation for long flows only")
    public @interface Config {
        @AttributeDefinition(description = "Packets through the tunnel at least")
        int packets() default 20;

        @AttributeDefinition(description = "Seconds since the flow's first packet at least")
        int seconds() default 2;
    }

    private final long packets;
    private final long nanos;

    @Activate
    public LongFlowsOnly(Config config) {
        this.packets = config.packets();
        this.nanos = config.seconds() * 1_000_000_000L;
    }

    @Override
    public boolean optimize(Flow flow) {
        return flow.packetsThroughTunnel() >= packets && flow.nanosThroughTunnel() >= nanos;
    }
}
