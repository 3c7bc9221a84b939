package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.mip6.link.Port;
import org.mip6.link.PortListener;
import org.mip6.time.Scheduler;
import org.mip6.time.Timer;

/**
 * Hosts a {@link NodeEngine} on a {@link Scheduler}: frames from its ports go in, the frames it
 * returns go out, and one timer stays armed at the engine's next deadline. Link attach/detach
 * events of a port become {@code linkUp}/{@code linkDown}. Everything runs on the scheduler's thread.
 */
public final class NodeRunner {

    private final NodeEngine engine;
    private final Scheduler scheduler;
    private final List<Port> ports = new ArrayList<>();
    private Timer timer;
    private long armedAt = Long.MAX_VALUE;

    public NodeRunner(NodeEngine engine, Scheduler scheduler) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    public NodeEngine engine() {
        return engine;
    }

    /** Binds the next interface of the engine to {@code port}; if the port is attached, the link comes up. */
    public int bind(Port port, RouterConfig router) {
        int index = engine.addInterface(port.mac(), router);
        ports.add(port);
        port.setListener(new PortListener() {
            @Override
            public void onFrame(long now, byte[] frame) {
                transmit(engine.onFrame(now, index, frame));
            }

            @Override
            public void prefetch(byte[][] frames, int count) {
                engine.prefetch(scheduler.nanos(), index, frames, count);
            }

            @Override
            public boolean accepts(byte[] frame) {
                return engine.linkLayerAccepts(index, frame);
            }

            @Override
            public void onAttached(long now, String link) {
                transmit(engine.linkUp(now, index, port.mtu()));
            }

            @Override
            public void onDetached(long now, String link) {
                engine.linkDown(now, index);
                rearm();
            }

            @Override
            public void onMtuChanged(long now, int mtu) {
                engine.linkMtu(index, mtu);
            }
        });
        if (port.link() != null) {
            transmit(engine.linkUp(scheduler.nanos(), index, port.mtu()));
        }
        return index;
    }

    public Port port(int iface) {
        return ports.get(iface);
    }

    /** Sends what an engine call returned and re-arms the timer. */
    public void transmit(List<Transmit> out) {
        for (Transmit t : out) {
            if (t.loopback()) {
                // the node receives it itself, after what it is doing now (as from a loopback interface)
                scheduler.schedule(scheduler.nanos(), () -> transmit(engine.onFrame(scheduler.nanos(), t.iface(), t.frame())));
            } else {
                ports.get(t.iface()).send(t.frame());
            }
        }
        rearm();
    }

    /**
     * Keeps one scheduler timer at or before the engine's next deadline. A deadline that moved later
     * (a neighbour's REACHABLE timer restarted, say) leaves the armed timer: it wakes the engine early,
     * which finds nothing due and re-arms. Re-scheduling on every later move would cost two heap
     * operations per frame in a busy world.
     */
    private void rearm() {
        long next = engine.nextDeadline();
        if (timer != null && next >= armedAt && timer.isPending()) {
            return;
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        armedAt = next;
        if (next != Long.MAX_VALUE) {
            timer = scheduler.schedule(next, () -> {
                timer = null;
                armedAt = Long.MAX_VALUE;
                transmit(engine.onTimer(scheduler.nanos()));
            });
        }
    }
}
