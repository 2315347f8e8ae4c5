package org.lockstep.console;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.lockstep.controller.core.Site;
import org.tinylog.Logger;

/**
 * The drill log on disk, {@code DIR/incidents.jsonl}: append-only, one {@link IncidentRecord} a line, the latest line of
 * an incident wins. Every change is appended and fsynced by this store's own thread, so the console's picture never
 * waits on the disk; changes waiting to be written are coalesced per incident (at most {@link IncidentLog#MAX}
 * wait). When the appends since the last rewrite pass {@link #COMPACT_AT_BYTES} the file is rewritten with the last
 * {@link IncidentLog#MAX} incidents (temporary file, fsync, rename). Read back as untrusted input ({@link #load}):
 * a bad line is skipped and logged with its number and why, never thrown.
 */
final class IncidentStore implements AutoCloseable {
    static final String FILE = "incidents.jsonl";
    /** A record names at most every door of the site: 128 KiB holds about 2,500 door ids of the longest kind. */
    static final int MAX_LINE_BYTES = 128 * 1024;
    /** Only the last this-many bytes are read: 100 records of the largest kind fit. */
    static final int MAX_FILE_BYTES = 16 * 1024 * 1024;
    /** Appends beyond this since the last rewrite trigger one (the file stays within a few times its live size). */
    static final long COMPACT_AT_BYTES = 1024 * 1024;
    /** Skipped lines logged one by one at start; beyond this only their count. */
    static final int MAX_LOGGED_SKIPS = 20;

    private final DataDir dir;
    private final TreeMap<String, IncidentRecord> kept = new TreeMap<>(IncidentStore::byAge); // writer thread only
    private final Map<String, IncidentRecord> pending = new LinkedHashMap<>(); // guarded by this
    private final List<IncidentRecord> loaded;
    private final Thread writer;
    private long requested;
    private long written;
    private boolean closing;
    private long appendedBytes;
    private volatile String problem = "";

    private IncidentStore(DataDir dir, List<IncidentRecord> loaded) {
        this.dir = dir;
        this.loaded = List.copyOf(loaded);
        loaded.forEach(r -> kept.put(r.id(), r));
        this.writer = new Thread(this::write, "lockstep-console-drill-log");
        writer.setDaemon(true);
    }

    /** Reads the drill log in {@code dir} (a bad file costs its bad lines, never the start) and starts the writer. */
    static IncidentStore open(DataDir dir, Site site) throws DataDir.Unusable {
        Loaded l = load(dir, site);
        l.notes().forEach(n -> Logger.warn("console: {}", n));
        IncidentStore s = new IncidentStore(dir, l.records());
        if (l.skipped() > 0) {
            s.keepOldAndRewrite(l.skipped());
        }
        s.writer.start();
        return s;
    }

    /** Ids are {@code i<digits>} of the console's clock: shorter is older, then by digits. */
    private static int byAge(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    /** @param notes what was skipped and why, a sentence each (the first {@link #MAX_LOGGED_SKIPS}, then a count) */
    record Loaded(List<IncidentRecord> records, int skipped, List<String> notes) {}

    /** The incidents in {@code dir}'s file, oldest first, at most {@link IncidentLog#MAX}; and how many lines were bad. */
    static Loaded load(DataDir dir, Site site) throws DataDir.Unusable {
        Optional<DataDir.Read> read = dir.read(FILE, MAX_FILE_BYTES);
        if (read.isEmpty()) {
            return new Loaded(List.of(), 0, List.of());
        }
        byte[] b = read.get().bytes();
        String where = dir.file(FILE).toString();
        TreeMap<String, IncidentRecord> byId = new TreeMap<>(IncidentStore::byAge);
        List<String> notes = new ArrayList<>();
        int skipped = 0;
        int start = 0;
        int lineNo = 0;
        if (read.get().truncated()) {
            notes.add(where + " is larger than " + MAX_FILE_BYTES + " bytes: read only its end");
            while (start < b.length && b[start] != '\n') {
                start++; // the first line read is a piece of one
            }
            start++;
            skipped++;
        }
        while (start < b.length) {
            lineNo++;
            int end = start;
            while (end < b.length && b[end] != '\n') {
                end++;
            }
            Optional<String> why = Optional.empty();
            if (end == b.length) {
                why = Optional.of("incomplete (no end of line: the console stopped while writing it)");
            } else if (end - start > MAX_LINE_BYTES) {
                why = Optional.of("longer than " + MAX_LINE_BYTES + " bytes");
            } else if (end > start) {
                try {
                    String line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(b, start, end - start)).toString();
                    IncidentRecord r = IncidentRecord.parse(line, site);
                    byId.put(r.id(), r);
                } catch (CharacterCodingException e) {
                    why = Optional.of("not UTF-8");
                } catch (IncidentRecord.Bad e) {
                    why = Optional.of(e.getMessage());
                }
            }
            if (why.isPresent()) {
                skipped++;
                if (skipped <= MAX_LOGGED_SKIPS) {
                    notes.add(where + (read.get().truncated() ? " (its end) line " : " line ") + lineNo + " skipped: "
                            + why.get());
                }
            }
            start = end + 1;
        }
        if (skipped > MAX_LOGGED_SKIPS) {
            notes.add(where + ": " + skipped + " lines skipped in all");
        }
        while (byId.size() > IncidentLog.MAX) {
            byId.pollFirstEntry();
        }
        return new Loaded(new ArrayList<>(byId.values()), skipped, List.copyOf(notes));
    }

    /** The incidents read at start, oldest first. */
    List<IncidentRecord> loaded() {
        return loaded;
    }

    /** Where the drill log is kept, for the page. */
    String where() {
        return dir.file(FILE).toString();
    }

    /** Empty while every write succeeds; else the last failure, for the page. */
    String problem() {
        return problem;
    }

    /** Queues {@code r} to be written; returns at once (never waits on the disk). */
    synchronized void save(IncidentRecord r) {
        pending.remove(r.id());
        pending.put(r.id(), r); // a newer state of the same incident replaces the one not yet written
        if (pending.size() > IncidentLog.MAX) {
            pending.remove(pending.keySet().iterator().next()); // more than the log keeps: the eldest would go anyway
        }
        requested++;
        notifyAll();
    }

    /** Waits until everything saved before this call is on disk (or the deadline passes); true if it is. */
    synchronized boolean flush(long timeoutMs) throws InterruptedException {
        long target = requested;
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (written < target) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private void write() {
        while (true) {
            List<IncidentRecord> batch;
            long upTo;
            synchronized (this) {
                while (pending.isEmpty() && !closing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (pending.isEmpty()) {
                    return; // closing, all written
                }
                batch = new ArrayList<>(pending.values());
                pending.clear();
                upTo = requested;
            }
            writeBatch(batch);
            synchronized (this) {
                written = upTo;
                notifyAll();
            }
        }
    }

    private void writeBatch(List<IncidentRecord> batch) {
        StringBuilder lines = new StringBuilder();
        for (IncidentRecord r : batch) {
            String line = r.toJson().toString();
            if (line.getBytes(StandardCharsets.UTF_8).length > MAX_LINE_BYTES) {
                fail("incident " + r.id() + " is larger than " + MAX_LINE_BYTES + " bytes; kept in memory only");
                continue;
            }
            lines.append(line).append('\n');
            kept.put(r.id(), r);
            while (kept.size() > IncidentLog.MAX) {
                kept.pollFirstEntry();
            }
        }
        try {
            byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
            dir.append(FILE, bytes);
            appendedBytes += bytes.length;
            if (appendedBytes > COMPACT_AT_BYTES) {
                rewrite();
            }
            problem = "";
        } catch (IOException | RuntimeException e) {
            fail("cannot write " + where() + ": " + e.getMessage());
        }
    }

    private void rewrite() throws IOException {
        StringBuilder all = new StringBuilder();
        kept.values().forEach(r -> all.append(r.toJson()).append('\n'));
        dir.replace(FILE, all.toString().getBytes(StandardCharsets.UTF_8));
        appendedBytes = 0;
    }

    /** At start, after bad lines: keeps the file as it was beside it (FILE.old) and rewrites it with the good ones. */
    private void keepOldAndRewrite(int skipped) {
        try {
            Files.copy(dir.file(FILE), dir.file(FILE + ".old"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS); // mode 600, as checked
            rewrite();
            Logger.warn("console: {}: rewritten without its {} bad line(s); the file as it was is {}.old", where(),
                    skipped, where());
        } catch (IOException | RuntimeException e) {
            fail("cannot rewrite " + where() + " without its bad lines: " + e.getMessage());
        }
    }

    private void fail(String what) {
        problem = what;
        Logger.error("console: drill log: {}", what);
    }

    /** Writes what is waiting, then stops the writer. */
    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
