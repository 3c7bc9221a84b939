package org.mip6.netpcap.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mip6.time.TimeMode;
import org.mip6.world.LinkStatus;
import org.mip6.world.LiveLinks;
import org.mip6.world.World;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The world's live links: each a {@link PcapBridge} between a world link and a host interface. Nothing
 * touches pcap until a bridge is asked for, so the bundle starts where libpcap is missing. Immediate:
 * SCR would dispose a delayed component, and its bridges, when the command that used it lets it go.
 */
@Component(service = LiveLinks.class, immediate = true)
public final class PcapLiveLinks implements LiveLinks {

    private final World world;
    private final Map<String, PcapBridge> bridges = new LinkedHashMap<>();

    @Activate
    public PcapLiveLinks(@Reference World world) {
        this.world = Objects.requireNonNull(world, "world");
    }

    @Override
    public synchronized Bridge bridge(String link, String iface) throws IOException {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(iface, "iface");
        if (world.mode() != TimeMode.REAL_TIME) {
            throw new IllegalStateException("live links need a real-time world (mip6:world reset --realtime): on virtual "
                    + "time the world's clock stands still while real hosts send");
        }
        List<LinkStatus> links = world.links();
        LinkStatus status = links.stream().filter(l -> l.name().equals(link)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no link named " + link + " (links: "
                        + links.stream().map(LinkStatus::name).toList() + ")"));
        PcapBridge b = bridges.get(link);
        if (b != null) {
            throw new IllegalArgumentException("link " + link + " is already bridged to " + b.iface());
        }
        for (Map.Entry<String, PcapBridge> other : bridges.entrySet()) {
            if (other.getValue().iface().equals(iface)) { // two links on one interface would be one Ethernet
                throw new IllegalArgumentException("interface " + iface + " already bridges link " + other.getKey());
            }
        }
        b = PcapBridge.open(world, link, status.mtu(), iface);
        bridges.put(link, b);
        return b.status();
    }

    @Override
    public synchronized boolean unbridge(String link) {
        PcapBridge b = bridges.remove(link);
        if (b == null) {
            return false;
        }
        b.close();
        return true;
    }

    @Override
    public synchronized List<Bridge> bridges() {
        List<Bridge> out = new ArrayList<>(bridges.size());
        for (PcapBridge b : bridges.values()) {
            out.add(b.status());
        }
        return out;
    }

    @Deactivate
    public synchronized void close() {
        for (PcapBridge b : bridges.values()) {
            b.close();
        }
        bridges.clear();
    }
}
