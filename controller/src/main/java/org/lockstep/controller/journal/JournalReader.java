package org.lockstep.controller.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a journal directory without changing it (the offline CLI and reports use this; {@link FileJournal} uses it at
 * open and then repairs what it found). Every problem is returned, none is hidden.
 */
public final class JournalReader {
    private JournalReader() {}

    /**
     * What a journal directory holds.
     *
     * @param replayFrom index into {@code records} of the first record a restart replays: the start of the oldest
     *     segment that is a restart point (older records matter to reports, not to the mode)
     */
    public record Contents(Path dir, Optional<String> controllerId, List<JournalRecord> records,
            List<JournalProblem> problems, int replayFrom, List<SegmentScanner.Scan> scans) {
        public List<JournalRecord> replayRecords() {
            return records.subList(replayFrom, records.size());
        }

        public long lastSeq() {
            return records.isEmpty() ? 0 : records.getLast().seq();
        }
    }

    /** Segment files in sequence order (their names carry the zero-padded first sequence number). */
    static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("journal-")
                    && p.getFileName().toString().endsWith(SegmentFormat.SUFFIX)).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** Every segment of the directory (CLI, reports). */
    public static Contents read(Path dir) {
        try {
            return read(dir, segments(dir), false);
        } catch (IOException e) {
            throw new JournalException("cannot read journal " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a restart needs: the segments from the newest one that starts with a good checkpoint (the whole state) on;
     * older segments are not read at all, so a restart costs the checkpoint interval, not the retention. Without a
     * usable checkpoint (a format-1 journal, or damage right at it), every segment, as {@link #read}.
     */
    public static Contents readForRestart(Path dir) {
        try {
            List<Path> files = segments(dir);
            for (int i = files.size() - 1; i >= 0; i--) {
                Optional<SegmentFormat.Header> h = header(files.get(i));
                if (h.isEmpty() || !h.get().checkpoint()) {
                    continue;
                }
                Contents c = read(dir, files.subList(i, files.size()), true);
                if (!c.records().isEmpty() && c.records().getFirst().seq() == h.get().firstSeq()
                        && c.records().getFirst().facts().stream()
                                .anyMatch(org.lockstep.controller.core.Fact.Checkpoint.class::isInstance)) {
                    return c;
                }
            }
            return read(dir, files, false);
        } catch (IOException e) {
            throw new JournalException("cannot read journal " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Optional<SegmentFormat.Header> header(Path segment) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(segment)) {
            head = in.readNBytes(512);
        }
        return SegmentFormat.readHeader(head).header();
    }

    /** @param fromCheckpoint the first file starts with a checkpoint: replay from its first record */
    private static Contents read(Path dir, List<Path> files, boolean fromCheckpoint) {
        try {
            List<SegmentScanner.Scan> scans = new ArrayList<>();
            List<JournalRecord> records = new ArrayList<>();
            List<JournalProblem> problems = new ArrayList<>();
            Optional<String> controllerId = Optional.empty();
            int replayFrom = -1;
            for (int i = 0; i < files.size(); i++) {
                boolean newest = i == files.size() - 1;
                SegmentScanner.Scan scan = SegmentScanner.scan(files.get(i));
                scans.add(scan);
                if (scan.header().isEmpty()) {
                    problems.add(new JournalProblem(JournalProblem.Kind.BAD_HEADER, scan.file(), 0, scan.size(),
                            scan.headerProblem()));
                    continue;
                }
                SegmentFormat.Header h = scan.header().get();
                if (controllerId.isEmpty()) {
                    controllerId = Optional.of(h.controllerId());
                } else if (!controllerId.get().equals(h.controllerId())) {
                    throw new JournalException(scan.file() + " belongs to controller '" + h.controllerId()
                            + "', the rest of " + dir + " to '" + controllerId.get() + "': two journals in one directory");
                }
                long expected = records.isEmpty() ? -1 : records.getLast().seq() + 1;
                long first = scan.records().isEmpty() ? h.firstSeq() : scan.records().getFirst().seq();
                if (expected > 0 && first != expected) {
                    problems.add(new JournalProblem(JournalProblem.Kind.SEQUENCE_GAP, scan.file(), 0, 0,
                            "records " + expected + ".." + (first - 1) + " are missing before this segment"));
                }
                if (h.restartPoint() && replayFrom < 0) {
                    replayFrom = records.size();
                }
                problems.addAll(scan.middleProblems());
                records.addAll(scan.records());
                scan.badTail().ifPresent(t -> problems.add(new JournalProblem(
                        newest ? JournalProblem.Kind.TORN_TAIL : JournalProblem.Kind.CORRUPT_TAIL, scan.file(),
                        t.offset(), t.length(), t.reason())));
            }
            // No restart point left (only possible after damage): replay all there is, and say so via the problems.
            return new Contents(dir, controllerId, List.copyOf(records), List.copyOf(problems),
                    fromCheckpoint ? 0 : Math.max(0, replayFrom), List.copyOf(scans));
        } catch (IOException e) {
            throw new JournalException("cannot read journal " + dir + ": " + e.getMessage(), e);
        }
    }
}
