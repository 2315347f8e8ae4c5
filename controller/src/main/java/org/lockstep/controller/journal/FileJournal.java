package org.lockstep.controller.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Fact;
import org.tinylog.Logger;

/**
 * The durable journal: append-only segment files in one directory (format in {@link SegmentFormat} and
 * docs/JOURNAL.md).
 *
 * <p><b>Durability.</b> A step whose facts change a zone's mode, a fire alarm or a lock under test, or carry a
 * checkpoint, is fsynced before {@link #append} returns ({@link #needsSync}: a refused or repeated command costs no
 * fsync). Other records are group-committed: at most {@link JournalSettings#groupCommitMaxRecords()} records or
 * {@link JournalSettings#groupCommitMaxMs()} ms unsynced (a background syncer enforces the time bound).
 *
 * <p><b>Open.</b> Every segment is scanned and every record checked. A torn tail of the newest segment (a write cut by
 * a power loss) is cut back to the last good record with a warning naming file, offset and reason. Corruption in the
 * middle of a segment is logged as an error and skipped to the next good record (found by CRC): a controller must still
 * start and lock, and the fsynced records after the damage are still the truth. A segment with an unreadable header is
 * renamed {@code *.corrupt} (kept as evidence) and skipped. Every problem is kept in {@link #openProblems()}, which the
 * event loop raises as a {@code journal} device fault: nothing is silently accepted.
 *
 * <p><b>Retention.</b> A segment may be deleted only if a newer segment is a <em>restart point</em> (the state before
 * its first record was quiescent: all zones NORMAL, no fire alarm), so a restart never loses the lockdown it was in.
 *
 * <p><b>Failures.</b> A failed write or fsync throws {@link JournalException} at once (the loop counts it and raises a
 * fault; relays were driven before). A half-written record is cut back; after a failed fsync the segment is abandoned
 * and the next append starts a new one. Thread-safe: the loop appends, the syncer syncs.
 */
public final class FileJournal implements EventJournal {
    private final Path dir;
    private final String controllerId;
    private final JournalSettings settings;
    private final Clock wallClock;
    private final JournalStorage storage;
    private final List<JournalProblem> openProblems;
    private final ScheduledExecutorService syncer;
    private final JournalReserve reserve;

    private JournalStorage.SegmentChannel active;
    private Path activePath;
    private long activeSize;
    private boolean abandonActive;
    private long nextSeq;
    private long lastAtMs;
    private long syncedSeq;
    private int unsynced;
    private long oldestUnsyncedNs;
    private boolean quiescent;
    private long appendFailures;
    private long retentionOverruns;
    private boolean closed;

    private FileJournal(Path dir, String controllerId, JournalSettings settings, Clock wallClock,
            JournalStorage storage, JournalReader.Contents contents, List<JournalProblem> problems) {
        this.dir = dir;
        this.controllerId = controllerId;
        this.settings = settings;
        this.wallClock = wallClock;
        this.storage = storage;
        this.openProblems = List.copyOf(problems);
        this.nextSeq = contents.lastSeq() + 1;
        this.syncedSeq = contents.lastSeq();
        this.lastAtMs = contents.records().isEmpty() ? 0 : contents.records().getLast().atMs();
        this.quiescent = contents.records().isEmpty();
        this.reserve = new JournalReserve(dir, controllerId, storage);
        reserve.hold();
        this.syncer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lockstep-journal-sync-" + controllerId);
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, settings.groupCommitMaxMs() / 2);
        syncer.scheduleWithFixedDelay(this::syncIfDue, period, period, TimeUnit.MILLISECONDS);
        // Outside the journal's lock: writing the reserve must never hold up an append.
        syncer.scheduleWithFixedDelay(reserve::holdIfDue, period, period, TimeUnit.MILLISECONDS);
    }

    public static FileJournal open(Path dir, String controllerId, JournalSettings settings, Clock wallClock) {
        return open(dir, controllerId, settings, wallClock, JournalStorage.FILES);
    }

    /**
     * Opens (creating if needed) the journal in {@code dir}, checks every record and cuts a torn tail.
     *
     * @throws JournalException if the directory cannot be created or read, or it holds another controller's journal
     */
    public static FileJournal open(Path dir, String controllerId, JournalSettings settings, Clock wallClock,
            JournalStorage storage) {
        Objects.requireNonNull(controllerId, "controllerId");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(wallClock, "wallClock");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new JournalException("cannot create journal directory " + dir + ": " + e.getMessage(), e);
        }
        JournalReader.Contents contents = JournalReader.readForRestart(dir);
        if (contents.controllerId().isPresent() && !contents.controllerId().get().equals(controllerId)) {
            throw new JournalException("journal " + dir + " belongs to controller '" + contents.controllerId().get()
                    + "', not '" + controllerId + "'");
        }
        List<JournalProblem> problems = new ArrayList<>();
        List<SegmentScanner.Scan> scans = contents.scans();
        for (JournalProblem p : contents.problems()) {
            problems.add(p);
            boolean newest = !scans.isEmpty() && p.file().equals(scans.getLast().file());
            try {
                switch (p.kind()) {
                    case TORN_TAIL -> {
                        try (JournalStorage.SegmentChannel ch = storage.openAppend(p.file())) {
                            ch.truncate(p.offset());
                            ch.force();
                        }
                        Logger.warn("journal {}: cut torn tail of {}: {} bytes at offset {} ({}); last good record"
                                + " is seq {}", controllerId, p.file(), p.length(), p.offset(), p.reason(),
                                contents.lastSeq());
                    }
                    case BAD_HEADER -> {
                        if (newest && p.length() < 64) {
                            Files.delete(p.file()); // a segment torn while it was being created holds no records
                            Logger.warn("journal {}: removed {}: {} (torn while it was created, held no records)",
                                    controllerId, p.file(), p.reason());
                        } else {
                            Path aside = p.file().resolveSibling(p.file().getFileName() + ".corrupt");
                            Files.move(p.file(), aside, StandardCopyOption.REPLACE_EXISTING);
                            Logger.error("journal {}: {}; set aside as {}, its records are not replayed",
                                    controllerId, p, aside);
                        }
                        storage.syncDirectory(dir);
                    }
                    case CORRUPT_MIDDLE, CORRUPT_TAIL, SEQUENCE_GAP ->
                            Logger.error("journal {}: {}; records there are lost, the rest are replayed",
                                    controllerId, p);
                }
            } catch (IOException e) {
                throw new JournalException("cannot repair journal " + dir + " (" + p + "): " + e.getMessage(), e);
            }
        }
        FileJournal j = new FileJournal(dir, controllerId, settings, wallClock, storage, contents, problems);
        Logger.info("journal {}: opened {}: {} records (seq {}..{}), replay from seq {}, {} problem(s)", controllerId,
                dir, contents.records().size(), contents.records().isEmpty() ? 0 : contents.records().getFirst().seq(),
                contents.lastSeq(), contents.replayRecords().isEmpty() ? 0 : contents.replayRecords().getFirst().seq(),
                problems.size());
        return j;
    }

    /** Whether an event changes (or may change) a zone's mode: fsynced before {@link #append} returns. */
    public static boolean isModeChange(Event event) {
        return switch (event) {
            case Event.ModeRequested r -> true;
            case Event.PanicPressed p -> true;
            case Event.WeaponDetected w -> true;
            case Event.FireAlarmChanged f -> true;
            case Event.ControllerStarted s -> true;
            case Event.TimeAdvanced t -> false;
            case Event.ContactChanged c -> false;
            case Event.BoltChanged b -> false;
            case Event.DeviceFaulted f -> false;
            case Event.DeviceRecovered r -> false;
            case Event.LockTestRequested t -> false;
            case Event.LockTested t -> false;
            case Event.Commissioned c -> false;
            case Event.PeerModeSeen p -> true;
        };
    }

    /**
     * Whether a step must be on disk before {@link #append} returns: its facts changed what a restart comes back to (a
     * zone's mode, a fire alarm, a lock under test) or hold the whole state. Decided from the facts only: a refused or
     * repeated command costs no fsync of its own (issue 8's flood).
     */
    public static boolean needsSync(Event input, List<Fact> facts) {
        return facts.stream().anyMatch(f -> switch (f) {
            case Fact.ZoneModeChanged z -> true;
            case Fact.FireAlarmSet s -> true;
            case Fact.Checkpoint c -> true;
            case Fact.DoorChanged d -> false;
            case Fact.LockDriven d -> false;
            case Fact.AlertRaised a -> false;
            case Fact.RequestAnswered r -> false;
            case Fact.RequestShared s -> false;
            case Fact.DeviceFaultSet s -> false;
            case Fact.TestLocksSet t -> true;
        });
    }

    @Override
    public synchronized void append(long atMs, Event event, List<Fact> facts) {
        append(atMs, event, facts, false);
    }

    /**
     * For {@link GroupCommitWriter}: writes the record like {@link #append}, but leaves a mode change's fsync to the
     * caller ({@link #syncNow}), so one fsync covers a batch. The group-commit bounds still apply.
     *
     * @return whether the record must be fsynced before what follows from it is published ({@link #needsSync})
     */
    public synchronized boolean appendDeferred(long atMs, Event event, List<Fact> facts) {
        append(atMs, event, facts, true);
        return needsSync(event, facts);
    }

    /** Fsyncs every record written so far (no-op if none is unsynced). */
    public synchronized void syncNow() {
        try {
            sync();
        } catch (IOException e) {
            appendFailures++;
            abandonActive = true;
            throw new JournalException("journal fsync up to seq " + (nextSeq - 1) + " in " + activePath + " failed: "
                    + e.getMessage(), e);
        }
    }

    private void append(long atMs, Event event, List<Fact> facts, boolean deferModeSync) {
        if (closed) {
            throw new JournalException("journal " + dir + " is closed");
        }
        ByteBuffer record;
        try {
            record = SegmentFormat.record(nextSeq, atMs, wallClock.millis(), FactCodec.encode(event, facts));
        } catch (IllegalArgumentException e) {
            appendFailures++;
            throw new JournalException("cannot encode " + event.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        boolean checkpoint = facts.stream().anyMatch(Fact.Checkpoint.class::isInstance);
        boolean keep = needsSync(event, facts);
        if (!keep && !reserve.held()) {
            // The reserve's space is for mode changes: nothing else may take it while it cannot be held again.
            appendFailures++;
            throw new JournalException("no room to hold the journal's reserve for mode changes ("
                    + reserve.lastError() + "): door and sensor records are not journaled until space is freed in "
                    + dir);
        }
        boolean intoReserve = false;
        try {
            write(record, checkpoint);
        } catch (WriteFailed e) {
            if (!keep || !reserve.release()) {
                appendFailures++;
                throw new JournalException(e.getMessage(), e.getCause());
            }
            // Disk full, and this record is what a restart comes back to: write it into the reserve's space.
            try {
                write(record, checkpoint);
                intoReserve = true;
            } catch (WriteFailed again) {
                appendFailures++;
                throw new JournalException(again.getMessage() + " (even after giving back the reserve)",
                        again.getCause());
            }
        }
        long seq = nextSeq++;
        lastAtMs = atMs;
        if (unsynced++ == 0) {
            oldestUnsyncedNs = System.nanoTime();
        }
        if ((needsSync(event, facts) && !deferModeSync) || unsynced >= settings.groupCommitMaxRecords()) {
            try {
                sync();
            } catch (IOException e) {
                appendFailures++;
                // After a failed fsync the kernel may have dropped the pages: do not trust this segment again.
                abandonActive = true;
                throw new JournalException("journal fsync of seq " + seq + " in " + activePath + " failed: "
                        + e.getMessage(), e);
            }
        }
        if (intoReserve) {
            // On disk, but the next one may not be: a fault until the reserve is held again.
            throw new JournalException("disk full: seq " + seq + " (a mode change) was written into the journal's"
                    + " reserve; free space in " + dir + ", or the next mode change may be lost");
        }
    }

    /** A record could not be written; what was half-written has been cleaned up. */
    private static final class WriteFailed extends Exception {
        WriteFailed(String message, IOException cause) {
            super(message, cause);
        }
    }

    /** Writes one record at the end of the active segment (starting one if needed). */
    private void write(ByteBuffer record, boolean checkpoint) throws WriteFailed {
        try {
            ensureRoom(record.remaining(), checkpoint);
        } catch (IOException e) {
            abandonActive = true;
            throw new WriteFailed("cannot start a journal segment in " + dir + ": " + e.getMessage(), e);
        }
        long before = activeSize;
        try {
            active.write(record.duplicate());
        } catch (IOException e) {
            cutBack(before);
            throw new WriteFailed("journal write of seq " + nextSeq + " to " + activePath + " failed: "
                    + e.getMessage(), e);
        }
        activeSize = before + record.limit();
    }

    /** A half-written record is cut back so the segment stays readable; if even that fails, start a new segment. */
    private void cutBack(long size) {
        try {
            active.truncate(size);
        } catch (IOException e) {
            abandonActive = true;
            Logger.error("journal {}: cannot cut a failed write back in {}: {}; the next record starts a new segment",
                    controllerId, activePath, e.getMessage());
        }
    }

    /**
     * @param checkpoint the record carries a checkpoint: it starts a new segment (flagged in the header), so a
     *     restart reads from that segment on and nothing before it
     */
    private void ensureRoom(int bytes, boolean checkpoint) throws IOException {
        if (active != null && !abandonActive && (activeSize + bytes <= settings.segmentMaxBytes()
                || activeSize <= headerBytes()) && !checkpoint) {
            return;
        }
        if (active == null && !abandonActive && activePath == null && !checkpoint) {
            List<Path> existing = JournalReader.segments(dir);
            if (!existing.isEmpty()) {
                Path last = existing.getLast();
                long size = Files.size(last);
                // Only a segment of this format is continued: a format-1 segment stays as it was written.
                if (size + bytes <= settings.segmentMaxBytes() && currentFormat(last)) {
                    active = storage.openAppend(last);
                    activePath = last;
                    activeSize = size;
                    return;
                }
            }
        }
        sealActive();
        Path file = dir.resolve(SegmentFormat.fileName(nextSeq));
        if (Files.exists(file)) {
            // Only after an abandoned segment whose first record failed: keep it as evidence.
            Files.move(file, file.resolveSibling(file.getFileName() + ".failed-" + wallClock.millis()));
        }
        JournalStorage.SegmentChannel ch = storage.create(file);
        try {
            ByteBuffer header = SegmentFormat.header(nextSeq, controllerId, quiescent, checkpoint);
            int n = header.remaining();
            ch.write(header);
            ch.force();
            storage.syncDirectory(dir);
            active = ch;
            activePath = file;
            activeSize = n;
            abandonActive = false;
        } catch (IOException e) {
            closeQuietly(ch);
            Files.deleteIfExists(file);
            throw e;
        }
        enforceRetention();
    }

    private long headerBytes() {
        return SegmentFormat.header(0, controllerId, false).remaining();
    }

    private void sealActive() {
        if (active == null) {
            return;
        }
        try {
            if (!abandonActive) {
                sync();
            }
        } catch (IOException e) {
            Logger.error("journal {}: fsync while sealing {} failed: {}", controllerId, activePath, e.getMessage());
        }
        closeQuietly(active);
        active = null;
    }

    private void sync() throws IOException {
        if (unsynced == 0 || active == null) {
            return;
        }
        active.force();
        syncedSeq = nextSeq - 1;
        unsynced = 0;
    }

    /** The time bound of group commit, run by the syncer thread. */
    private synchronized void syncIfDue() {
        if (closed || unsynced == 0
                || System.nanoTime() - oldestUnsyncedNs < TimeUnit.MILLISECONDS.toNanos(settings.groupCommitMaxMs())) {
            return;
        }
        try {
            sync();
        } catch (IOException e) {
            appendFailures++;
            abandonActive = true;
            Logger.error("journal {}: background fsync of {} failed: {}", controllerId, activePath, e.getMessage());
        }
    }

    /** Deletes the oldest sealed segments past the size or age bound, never one the current mode depends on. */
    private void enforceRetention() throws IOException {
        List<Path> segments = JournalReader.segments(dir);
        int newestRestart = -1;
        long total = 0;
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            long size = Files.size(segments.get(i));
            sizes.add(size);
            total += size;
            if (restartPoint(segments.get(i))) { // quiescent, or a checkpoint: nothing before it matters to the mode
                newestRestart = i;
            }
        }
        long maxAgeMs = Duration.ofDays(settings.retainMaxAgeDays()).toMillis();
        long now = wallClock.millis();
        boolean deleted = false;
        for (int i = 0; i < segments.size() - 1; i++) {
            Path seg = segments.get(i);
            boolean tooBig = total > settings.retainMaxBytes();
            boolean tooOld = now - Files.getLastModifiedTime(seg).toMillis() > maxAgeMs;
            if (!tooBig && !tooOld) {
                break;
            }
            if (i >= newestRestart) {
                retentionOverruns++;
                Logger.warn("journal {}: keeping {} segment(s) past the retention bound ({} bytes): the current mode"
                        + " depends on them (no quiescent restart point since)", controllerId, segments.size() - i,
                        total);
                break;
            }
            Files.delete(seg);
            total -= sizes.get(i);
            deleted = true;
            Logger.info("journal {}: retention deleted {}", controllerId, seg);
        }
        if (deleted) {
            storage.syncDirectory(dir);
        }
    }

    private static boolean currentFormat(Path segment) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(segment)) {
            head = in.readNBytes(512);
        }
        return SegmentFormat.readHeader(head).header().map(h -> h.version() == SegmentFormat.VERSION).orElse(false);
    }

    private static boolean restartPoint(Path segment) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(segment)) {
            head = in.readNBytes(512);
        }
        return SegmentFormat.readHeader(head).header().map(h -> h.restartPoint() || h.checkpoint()).orElse(false);
    }

    @Override
    public synchronized void quiescent(boolean quiescent) {
        this.quiescent = quiescent;
    }

    /** What a restart replays: from the newest checkpoint segment on (or, without one, the oldest restart point). */
    @Override
    public List<Entry> readAll() {
        return JournalReader.readForRestart(dir).replayRecords().stream().map(JournalRecord::entry).toList();
    }

    /** Every record in the directory, with wall-clock times (for reports). */
    public List<JournalRecord> records() {
        return JournalReader.read(dir).records();
    }

    @Override
    public List<String> openProblems() {
        return openProblems.stream().map(JournalProblem::toString).toList();
    }

    public List<JournalProblem> problems() {
        return openProblems;
    }

    /** The highest sequence number known to be on disk (fsynced). */
    public synchronized long syncedSeq() {
        return syncedSeq;
    }

    public synchronized long lastSeq() {
        return nextSeq - 1;
    }

    /** The core time of the last record: a restarted controller's clock must not start before it. */
    public synchronized long lastAtMs() {
        return lastAtMs;
    }

    /** Whether the space for mode changes on a full disk is held ({@link JournalReserve}). */
    public boolean reserveHeld() {
        return reserve.held();
    }

    public synchronized long appendFailures() {
        return appendFailures;
    }

    public synchronized long retentionOverruns() {
        return retentionOverruns;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        syncer.shutdownNow();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            sealActive();
        }
    }

    private static void closeQuietly(JournalStorage.SegmentChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // Closing after a failure: the failure was already reported.
        }
    }
}
