package org.mip6.time.internal;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.mip6.time.TimeMode;
import org.mip6.time.Timer;
import org.mip6.time.VirtualScheduler;

/**
 * Discrete-event scheduler. The clock starts at 0 and only moves when a {@code run…} method pops the
 * next deadline. Equal deadlines run in scheduling order (FIFO by a sequence number). Tasks handed
 * over with {@link #execute} from other threads join the queue at the current instant the next time
 * the loop looks at it.
 */
public final class VirtualTimeScheduler implements VirtualScheduler {

    private final String name;
    private final TimerHeap heap = new TimerHeap();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final TaskFailures failures;
    private long now;
    private long tasksRun;
    private boolean running;
    private volatile boolean closed;

    public VirtualTimeScheduler(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.failures = new TaskFailures(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TimeMode mode() {
        return TimeMode.VIRTUAL;
    }

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public Timer schedule(long deadlineNanos, Runnable task) {
        Objects.requireNonNull(task, "task");
        if (closed) {
            throw new IllegalStateException("scheduler " + name + " is closed");
        }
        return new VirtualTimer(deadlineNanos <= now ? heap.addDue(now, task) : heap.add(deadlineNanos, task));
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (closed) {
            throw new IllegalStateException("scheduler " + name + " is closed");
        }
        inbox.add(task);
    }

    @Override
    public boolean scheduledLast(Timer timer) {
        return timer instanceof VirtualTimer v && v.owner() == this && v.entry.index >= 0 && heap.isLast(v.entry);
    }

    @Override
    public int pending() {
        return heap.size() + inbox.size();
    }

    @Override
    public long nextDeadline() {
        drainInbox();
        TimerHeap.Entry e = heap.peek();
        return e == null ? Long.MAX_VALUE : e.deadline;
    }

    @Override
    public long tasksRun() {
        return tasksRun;
    }

    /** Tasks that threw since creation. */
    public long taskFailures() {
        return failures.count();
    }

    @Override
    public long runUntil(long deadlineNanos) {
        enter();
        long ran = 0;
        try {
            while (!closed) {
                drainInbox();
                TimerHeap.Entry e = heap.peek();
                if (e == null || e.deadline > deadlineNanos) {
                    break;
                }
                heap.poll();
                runEntry(e);
                ran++;
            }
            if (deadlineNanos > now) {
                now = deadlineNanos;
            }
        } finally {
            running = false;
        }
        return ran;
    }

    @Override
    public long runUntilIdle(long maxTasks) {
        enter();
        long ran = 0;
        try {
            while (!closed && ran < maxTasks) {
                drainInbox();
                TimerHeap.Entry e = heap.poll();
                if (e == null) {
                    break;
                }
                runEntry(e);
                ran++;
            }
        } finally {
            running = false;
        }
        return ran;
    }

    @Override
    public boolean step() {
        enter();
        try {
            drainInbox();
            TimerHeap.Entry e = closed ? null : heap.poll();
            if (e == null) {
                return false;
            }
            runEntry(e);
            return true;
        } finally {
            running = false;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (!running) {
            heap.clear();
        }
        inbox.clear();
    }

    private void enter() {
        if (running) {
            throw new IllegalStateException("scheduler " + name + ": a task may not drive its own scheduler");
        }
        running = true;
    }

    private void runEntry(TimerHeap.Entry e) {
        if (e.deadline > now) {
            now = e.deadline;
        }
        Runnable task = e.task;
        e.task = null;
        tasksRun++;
        try {
            task.run();
        } catch (RuntimeException | Error t) {
            if (t instanceof VirtualMachineError vme) {
                throw vme;
            }
            failures.record(t);
        }
    }

    private void drainInbox() {
        Runnable r;
        while ((r = inbox.poll()) != null) {
            heap.addDue(now, r);
        }
    }

    private final class VirtualTimer implements Timer {
        private final TimerHeap.Entry entry;

        VirtualTimer(TimerHeap.Entry entry) {
            this.entry = entry;
        }

        VirtualTimeScheduler owner() {
            return VirtualTimeScheduler.this;
        }

        @Override
        public long deadline() {
            return entry.deadline;
        }

        @Override
        public boolean cancel() {
            if (heap.remove(entry)) {
                entry.task = null;
                return true;
            }
            return false;
        }

        @Override
        public boolean isPending() {
            return entry.index >= 0;
        }

        @Override
        public String toString() {
            return "VirtualTimer[deadline=" + entry.deadline + "ns, pending=" + isPending() + "]";
        }
    }

    @Override
    public String toString() {
        return "VirtualTimeScheduler[" + name + ", now=" + now + "ns, pending=" + pending() + "]";
    }
}
