package org.mip6.stack.internal;

import org.mip6.node.Node;
import org.mip6.node.NodeFactory;
import org.mip6.time.Scheduler;
import org.osgi.service.component.annotations.Component;

/** Registers the {@link NodeFactory} service: nodes are {@link org.mip6.stack.internal.engine.NodeEngine}s. */
@Component(service = NodeFactory.class, immediate = true)
public final class StackNodeFactory implements NodeFactory {

    @Override
    public Node create(String name, boolean forwarding, Scheduler scheduler, long seed) {
        return new StackNode(name, forwarding, scheduler, seed);
    }
}
