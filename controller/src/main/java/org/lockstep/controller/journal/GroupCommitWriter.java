package org.lockstep.controller.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Fact;
import org.tinylog.Logger;

/**
 * A {@link FileJournal} written and fsynced by a thread of its own, so the event loop never waits for the disk (issue
 * 11: a panic press during an earlier step's fsync waited for it). The loop's {@link #append} only puts the record in a
 * bounded queue and returns; the writer takes what has queued, writes it, and fsyncs once for the batch if any record
 * in it changed a mode (group commit), then advances {@link #settled()} and wakes the loop, which then publishes
 * what it held back behind a mode change (a console never sees a mode the box would forget after a power cut).
 * <p>
 * <b>At the bound</b> ({@link #QUEUE_RECORDS} records waiting: the disk is far behind), {@link #append} refuses the
 * record at once with a {@link JournalException}: the loop raises it as a {@code journal} fault (as for a full disk)
 * and journals a checkpoint with its next record, so the state a restart comes back to is on disk again as soon as
 * the writer catches up. Never a wait: the relays of the next press must not queue behind the disk.
 * <p>
 * A write or fsync that fails is counted ({@link #writeFailures()}) and its record settled, so the loop raises the
 * fault and releases what it held; an fsync that never returns is the loop's watchdog's to see
 * ({@link #oldestUnsettledAtMs()}).
 */
public final class GroupCommitWriter implements EventJournal {
    /** Records waiting for the writer at most (about a minute of the heaviest door chatter measured here). */
    public static final int QUEUE_RECORDS = 65_536;
    /** Records written per batch at most before the batch's fsync. */
    static final int BATCH_RECORDS = 1_024;

    private record Item(long ticket, long atMs, Event event, List<Fact> facts, Boolean quiescent) {}

    private final FileJournal file;
    private final BlockingQueue<Item> queue;
    private final Thread thread;
    private volatile Runnable wake = () -> {};
    private volatile boolean running = true;
    /** Written by the loop thread only. */
    private long taken;
    private volatile long settled;
    private volatile long busySinceAtMs = Long.MAX_VALUE;
    private volatile long writeFailures;
    private volatile String lastWriteFailure = "";
    private volatile boolean lastWriteOk = true;

    public GroupCommitWriter(FileJournal file) {
        this(file, QUEUE_RECORDS);
    }

    GroupCommitWriter(FileJournal file, int queueRecords) {
        this.file = Objects.requireNonNull(file, "file");
        this.queue = new ArrayBlockingQueue<>(queueRecords);
        this.thread = new Thread(this::run, "lockstep-journal-writer-" + file.dir().getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    public FileJournal file() {
        return file;
    }

    /** Loop thread: queues the record and returns; refuses it (a fault for the loop) if the writer is far behind. */
    @Override
    public void append(long atMs, Event input, List<Fact> facts) {
        long ticket = taken + 1;
        if (!queue.offer(new Item(ticket, atMs, input, facts, null))) {
            throw new JournalException("journal writer is " + queue.size() + " records behind (the disk is slow or"
                    + " stalled): this record is not journaled");
        }
        taken = ticket;
    }

    @Override
    public void quiescent(boolean quiescent) {
        // In order with the records: the flag applies to the next segment the writer starts. Dropped if the queue is
        // full: it only decides what retention may delete later.
        queue.offer(new Item(taken, Long.MAX_VALUE, null, List.of(), quiescent));
    }

    @Override
    public long taken() {
        return taken;
    }

    @Override
    public long settled() {
        return settled;
    }

    @Override
    public OptionalLong oldestUnsettledAtMs() {
        long oldest = busySinceAtMs;
        Item head = queue.peek();
        if (head != null && head.event() != null) {
            oldest = Math.min(oldest, head.atMs());
        }
        return oldest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(oldest);
    }

    @Override
    public long writeFailures() {
        return writeFailures;
    }

    @Override
    public String lastWriteFailure() {
        return lastWriteFailure;
    }

    @Override
    public boolean lastWriteOk() {
        return lastWriteOk;
    }

    @Override
    public void onSettled(Runnable wake) {
        this.wake = Objects.requireNonNull(wake, "wake");
    }

    private void run() {
        List<Item> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Item first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH_RECORDS - 1);
                write(batch);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A bug in the writer must not stop the journal: counted and raised like a failed write.
                fail("journal writer: " + e);
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Item> batch) {
        long lastTicket = 0;
        boolean mustSync = false;
        for (Item it : batch) {
            if (it.event() == null) {
                file.quiescent(it.quiescent());
                continue;
            }
            if (busySinceAtMs == Long.MAX_VALUE) {
                busySinceAtMs = it.atMs();
            }
            lastTicket = it.ticket();
            try {
                mustSync |= file.appendDeferred(it.atMs(), it.event(), it.facts());
                lastWriteOk = true;
            } catch (JournalException e) {
                mustSync |= FileJournal.needsSync(it.event(), it.facts()); // it may be in the reserve's space
                fail(e.getMessage());
            }
        }
        if (mustSync) {
            try {
                file.syncNow();
            } catch (JournalException e) {
                fail(e.getMessage());
            }
        }
        if (lastTicket > 0) {
            settled = lastTicket;
        }
        busySinceAtMs = Long.MAX_VALUE;
        wake.run();
    }

    private void fail(String message) {
        lastWriteFailure = message;
        lastWriteOk = false;
        writeFailures++;
    }

    @Override
    public List<Entry> readAll() {
        return file.readAll();
    }

    @Override
    public List<String> openProblems() {
        return file.openProblems();
    }

    /** Writes what is queued (waiting up to 2 s for a slow disk), then closes the file journal. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            Logger.error("journal writer: {} record(s) still queued at close (the disk is stalled)", queue.size());
            thread.interrupt();
        }
        file.close();
    }
}
