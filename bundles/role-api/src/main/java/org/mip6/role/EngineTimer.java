package org.mip6.role;

import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import org.mip6.time.Timer;

/**
 * One node timer for a role's sans-IO engine, kept at or before the engine's next deadline. A deadline
 * that moved later leaves the armed timer: it wakes the engine early, which finds nothing due, and is
 * armed again (re-scheduling on every later move would cost the node's scheduler two heap operations
 * per message). Used on the node's thread only.
 */
public final class EngineTimer {

    private final RoleNode node;
    private final LongSupplier nextDeadline;
    private final LongConsumer onTimer;
    private Timer timer;
    private long armedAt = Long.MAX_VALUE;
    private boolean closed;

    /**
     * @param nextDeadline the engine's next deadline (node clock), Long.MAX_VALUE for none
     * @param onTimer      runs the engine's due timers at the given time
     */
    public EngineTimer(RoleNode node, LongSupplier nextDeadline, LongConsumer onTimer) {
        this.node = Objects.requireNonNull(node, "node");
        this.nextDeadline = Objects.requireNonNull(nextDeadline, "nextDeadline");
        this.onTimer = Objects.requireNonNull(onTimer, "onTimer");
    }

    /** After every engine call: a timer at or before the engine's next deadline. */
    public void rearm() {
        long next = nextDeadline.getAsLong();
        if (closed || next >= armedAt && timer != null && timer.isPending()) {
            return;
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        armedAt = next;
        if (next != Long.MAX_VALUE) {
            timer = node.schedule(next, () -> {
                timer = null;
                armedAt = Long.MAX_VALUE;
                if (!closed) {
                    onTimer.accept(node.nanos());
                    rearm();
                }
            });
        }
    }

    /** No more timers (the role is closed). */
    public void close() {
        closed = true;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
