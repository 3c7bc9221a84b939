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
 * <p>
 * An engine whose next deadline stays at the time it was just woken at, wake-up after wake-up, has a
 * deadline it does not act on (a defect: the node's clock would never move on again). After
 * {@value #STUCK_AFTER} wake-ups in a row at one instant that leave it there, the timer waits
 * {@value #STUCK_PAUSE_NANOS} ns before the next one and the wake-up throws, so that the node's
 * scheduler counts and logs the defect while the node and its other tasks go on.
 */
public final class EngineTimer {

    /** Wake-ups in a row at one instant, each leaving the engine's deadline there, taken to be a stuck deadline. */
    static final int STUCK_AFTER = 100_000;
    /** How long a stuck deadline waits before its next wake-up (1 ms). */
    static final long STUCK_PAUSE_NANOS = 1_000_000L;

    private final RoleNode node;
    private final LongSupplier nextDeadline;
    private final LongConsumer onTimer;
    private Timer timer;
    private long armedAt = Long.MAX_VALUE;
    private boolean closed;
    /** When the timer last woke the engine, and how many wake-ups in a row at that instant left its deadline there. */
    private long lastWakeUp = Long.MIN_VALUE;
    private int stuckWakeUps;

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
        rearm(nextDeadline.getAsLong());
    }

    private void rearm(long next) {
        if (closed || next >= armedAt && timer != null && timer.isPending()) {
            return;
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        armedAt = next;
        if (next != Long.MAX_VALUE) {
            timer = node.schedule(next, this::wakeUp);
        }
    }

    private void wakeUp() {
        timer = null;
        armedAt = Long.MAX_VALUE;
        if (closed) {
            return;
        }
        long now = node.nanos();
        onTimer.accept(now);
        long next = nextDeadline.getAsLong();
        stuckWakeUps = next <= now && now == lastWakeUp ? stuckWakeUps + 1 : 0;
        lastWakeUp = now;
        if (stuckWakeUps < STUCK_AFTER - 1) {
            rearm(next);
            return;
        }
        stuckWakeUps = 0;
        if (timer != null) {
            timer.cancel(); // armed within onTimer, as stuck
            timer = null;
        }
        armedAt = now + STUCK_PAUSE_NANOS;
        timer = node.schedule(armedAt, this::wakeUp);
        throw new IllegalStateException("an engine's next deadline stayed at " + next + " ns after " + STUCK_AFTER
                + " wake-ups in a row at " + now + " ns: it does not act on it (a defect in the engine); its timer now"
                + " waits " + STUCK_PAUSE_NANOS + " ns");
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
