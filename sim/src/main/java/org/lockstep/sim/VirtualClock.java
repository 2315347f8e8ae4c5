package org.lockstep.sim;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import org.lockstep.hal.MonotonicClock;

/**
 * Simulated time: it moves only when a test or the simulator advances it, and runs the tasks that fall due on the
 * way, in time order (ties in the order they were scheduled). Tasks may schedule more tasks, which run in the same
 * advance if they fall due. No threads: everything runs on the caller's.
 */
public final class VirtualClock implements MonotonicClock {
    /** A task that keeps rescheduling itself at the same instant would hang an advance: stop it loudly instead. */
    public static final int MAX_TASKS_PER_ADVANCE = 1_000_000;

    private record Scheduled(long atMs, long seq, Runnable task) {}

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>(
            (a, b) -> a.atMs != b.atMs ? Long.compare(a.atMs, b.atMs) : Long.compare(a.seq, b.seq));
    private long nowMs;
    private long nextSeq;

    public VirtualClock() {
        this(0);
    }

    public VirtualClock(long startMs) {
        this.nowMs = startMs;
    }

    @Override
    public long nowMs() {
        return nowMs;
    }

    /** Runs {@code task} when the clock reaches {@code atMs}; a time already past is a programmer error. */
    public void schedule(long atMs, Runnable task) {
        Objects.requireNonNull(task, "task");
        assert atMs >= nowMs : "scheduled in the past: " + atMs + " < now " + nowMs;
        queue.add(new Scheduled(Math.max(atMs, nowMs), nextSeq++, task));
    }

    public void after(long delayMs, Runnable task) {
        assert delayMs >= 0 : "negative delay " + delayMs;
        schedule(nowMs + Math.max(0, delayMs), task);
    }

    /** Moves to {@code ms}, running every task due by then; the clock reads each task's time while it runs. */
    public void advanceTo(long ms) {
        assert ms >= nowMs : "time went backwards: " + ms + " < now " + nowMs;
        int ran = 0;
        while (!queue.isEmpty() && queue.peek().atMs() <= ms) {
            Scheduled next = queue.poll();
            nowMs = Math.max(nowMs, next.atMs());
            if (++ran > MAX_TASKS_PER_ADVANCE) {
                throw new IllegalStateException("more than " + MAX_TASKS_PER_ADVANCE + " tasks in one advance to " + ms);
            }
            next.task().run();
        }
        nowMs = Math.max(nowMs, ms);
    }

    public void advanceBy(long deltaMs) {
        assert deltaMs >= 0 : "negative advance " + deltaMs;
        advanceTo(nowMs + Math.max(0, deltaMs));
    }

    /** When the next task is due, if any is scheduled. */
    public OptionalLong nextTaskAtMs() {
        return queue.isEmpty() ? OptionalLong.empty() : OptionalLong.of(queue.peek().atMs());
    }

    public int pendingTasks() {
        return queue.size();
    }
}
