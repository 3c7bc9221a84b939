package org.mip6.stack.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mip6.node.NodeListener;
import org.mip6.stack.internal.engine.HandlerTable;

/** What the roles registered for one node name: its handlers and its event listeners (from the whiteboard). */
final class NodeRoles {

    private final HandlerTable handlers = new HandlerTable();
    private final List<NodeListener> listeners = new CopyOnWriteArrayList<>();

    HandlerTable handlers() {
        return handlers;
    }

    List<NodeListener> listeners() {
        return listeners;
    }
}
