package org.mip6.time.internal;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.mip6.time.Scheduler;
import org.mip6.time.TimeMode;
import org.mip6.time.Timer;

/**
 * Wall-clock scheduler on one daemon thread. Uses the same (deadline, sequence) heap as virtual time,
 * so equal deadlines run in scheduling order here too. Thread-safe: any thread may schedule, cancel
 * and execute; tasks run on the scheduler's thread only.
 */
public final class RealTimeScheduler implements Scheduler {

    private final String name;
    private final long epoch = System.nanoTime();
    private final TimerHeap heap = new TimerHeap();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TaskFailures failures;
    private final Thread thread;
    private volatile boolean closed;

    public RealTimeScheduler(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.failures = new TaskFailures(name);
        this.thread = new Thread(this::loop, "mip6-scheduler-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TimeMode mode() {
        return TimeMode.REAL_TIME;
    }

    @Override
    public long nanos() {
        return System.nanoTime() - epoch;
    }

    @Override
    public Timer schedule(long deadlineNanos, Runnable task) {
        Objects.requireNonNull(task, "task");
        lock.lock();
        try {
            if (closed) {
                if (Thread.currentThread() == thread) {
                    // the task that was running when another thread closed this: what it adds is dropped
                    // like every other pending task, not a failure of the task
                    return new Dropped(deadlineNanos);
                }
                throw new IllegalStateException("scheduler " + name + " is closed");
            }
            TimerHeap.Entry e = heap.add(deadlineNanos, task);
            if (heap.peek() == e) {
                changed.signal();
            }
            return new RealTimer(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void execute(Runnable task) {
        schedule(nanos(), task);
    }

    @Override
    public int pending() {
        lock.lock();
        try {
            return heap.size();
        } finally {
            lock.unlock();
        }
    }

    /** Tasks that threw since creation. */
    public long taskFailures() {
        return failures.count();
    }

    /** True when called from this scheduler's own thread. */
    public boolean inSchedulerThread() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            heap.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (true) {
            Runnable task;
            lock.lock();
            try {
                while (true) {
                    if (closed) {
                        return;
                    }
                    TimerHeap.Entry head = heap.peek();
                    if (head == null) {
                        changed.awaitUninterruptibly();
                        continue;
                    }
                    long wait = head.deadline - nanos();
                    if (wait <= 0) {
                        heap.poll();
                        task = head.task;
                        head.task = null;
                        break;
                    }
                    try {
                        changed.awaitNanos(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            } finally {
                lock.unlock();
            }
            try {
                task.run();
            } catch (RuntimeException | Error t) {
                if (t instanceof VirtualMachineError vme) {
                    throw vme;
                }
                failures.record(t);
            }
        }
    }

    /** What the last task's scheduling returns once the scheduler is closed: never runs. */
    private record Dropped(long deadline) implements Timer {
        @Override
        public boolean cancel() {
            return false;
        }

        @Override
        public boolean isPending() {
            return false;
        }
    }

    private final class RealTimer implements Timer {
        private final TimerHeap.Entry entry;

        RealTimer(TimerHeap.Entry entry) {
            this.entry = entry;
        }

        @Override
        public long deadline() {
            return entry.deadline;
        }

        @Override
        public boolean cancel() {
            lock.lock();
            try {
                if (heap.remove(entry)) {
                    entry.task = null;
                    return true;
                }
                return false;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean isPending() {
            lock.lock();
            try {
                return entry.index >= 0;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public String toString() {
        return "RealTimeScheduler[" + name + ", pending=" + pending() + "]";
    }
}
