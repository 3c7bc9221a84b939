package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.List;

import org.mip6.net.MacAddress;

/** The node's interfaces by index. */
final class Interfaces {

    private final String node;
    private final List<Iface> all = new ArrayList<>();

    Interfaces(String node) {
        this.node = node;
    }

    Iface add(MacAddress mac, RouterConfig router) {
        Iface i = new Iface(all.size(), mac, router);
        all.add(i);
        return i;
    }

    /** @throws IllegalArgumentException naming the node when there is no such interface */
    Iface get(int index) {
        if (index < 0 || index >= all.size()) {
            throw new IllegalArgumentException(node + " has no interface " + index);
        }
        return all.get(index);
    }

    List<Iface> all() {
        return all;
    }

    int size() {
        return all.size();
    }

    /** The first interface whose link is up, or null. */
    Iface firstUp() {
        for (Iface i : all) {
            if (i.up) {
                return i;
            }
        }
        return null;
    }
}
