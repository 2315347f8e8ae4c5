package org.lockstep.controller.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;

class FileJournalTest {
    static final Clock WALL = Clock.fixed(Instant.parse("2025-03-04T10:15:30Z"), ZoneOffset.UTC);
    static final JournalSettings SETTINGS = JournalSettings.DEFAULTS;

    @TempDir
    Path dir;
    FileJournal journal;

    @AfterEach
    void close() {
        if (journal != null) {
            journal.close();
        }
    }

    FileJournal open() {
        return open(SETTINGS);
    }

    FileJournal open(JournalSettings settings) {
        if (journal != null) {
            journal.close();
        }
        journal = FileJournal.open(dir, "east-lower", settings, WALL);
        return journal;
    }

    static Event contact(int i) {
        return new Event.ContactChanged("c10" + (i % 6 + 1), i % 2 == 0);
    }

    static Event lockdown(String id) {
        return new Event.ModeRequested(id, Mode.LOCKDOWN, Scope.SITE, false, new Source.Operator("okafor"), "test");
    }

    /** Writes n contact events at times 10, 20, ... and closes. */
    void write(int n) {
        open();
        for (int i = 1; i <= n; i++) {
            journal.append(i * 10L, contact(i), List.of());
        }
        journal.close();
        journal = null;
    }

    Path onlySegment() throws IOException {
        List<Path> s = JournalReader.segments(dir);
        assertEquals(1, s.size(), "segments: " + s);
        return s.getFirst();
    }

    /** Offsets where each record starts, from the file itself. */
    static long[] recordOffsets(Path segment) throws IOException {
        byte[] b = Files.readAllBytes(segment);
        var h = SegmentFormat.readHeader(b).header().orElseThrow();
        java.util.List<Long> offs = new java.util.ArrayList<>();
        int pos = h.length();
        while (pos < b.length) {
            offs.add((long) pos);
            pos += 8 + java.nio.ByteBuffer.wrap(b).getInt(pos);
        }
        return offs.stream().mapToLong(Long::longValue).toArray();
    }

    static void overwrite(Path file, long offset, byte[] bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(bytes);
        }
    }

    @Nested
    class Records {
        @Test
        void every_event_variant_survives_a_close_and_reopen_with_its_times() {
            open();
            List<Event> events = Events.everyVariant();
            for (int i = 0; i < events.size(); i++) {
                journal.append(1_000 + i, events.get(i), List.of());
            }
            open();
            List<JournalRecord> records = journal.records();
            assertEquals(events, records.stream().map(JournalRecord::event).toList());
            for (int i = 0; i < records.size(); i++) {
                assertEquals(i + 1, records.get(i).seq());
                assertEquals(1_000 + i, records.get(i).atMs());
                assertEquals(WALL.millis(), records.get(i).wallMs());
            }
            assertTrue(journal.problems().isEmpty());
        }

        @Test
        void sequence_numbers_continue_after_a_reopen() {
            write(3);
            open().append(40, contact(4), List.of());
            assertEquals(List.of(1L, 2L, 3L, 4L), journal.records().stream().map(JournalRecord::seq).toList());
            assertEquals(40, journal.lastAtMs());
        }

        @Test
        void a_journal_of_another_controller_is_refused_by_name() {
            write(1);
            JournalException e = assertThrows(JournalException.class,
                    () -> FileJournal.open(dir, "west-lower", SETTINGS, WALL));
            assertTrue(e.getMessage().contains("belongs to controller 'east-lower'"), e.getMessage());
        }
    }

    @Nested
    class Durability {
        @Test
        void a_mode_change_is_fsynced_before_append_returns_and_door_events_are_group_committed() {
            open(new JournalSettings(SETTINGS.segmentMaxBytes(), SETTINGS.retainMaxBytes(), 30, 4, 5_000));
            journal.append(1, contact(1), List.of());
            journal.append(2, contact(2), List.of());
            assertEquals(0, journal.syncedSeq(), "door events wait for the group commit");
            journal.append(3, lockdown("refused"), List.of(new org.lockstep.controller.core.Fact.RequestAnswered(
                    new org.lockstep.controller.core.Command.Reply("refused", false, "no"), true,
                    java.util.Optional.of("fp"))));
            assertEquals(0, journal.syncedSeq(), "a refused request changes no mode: no fsync of its own");
            journal.append(3, lockdown("ld-1"), List.of(new org.lockstep.controller.core.Fact.ZoneModeChanged("east",
                    new org.lockstep.controller.core.ZoneMode(org.lockstep.controller.core.Mode.LOCKDOWN, false, 3,
                            java.util.Optional.empty(), "test", 1))));
            assertEquals(4, journal.syncedSeq(), "a mode change is on disk when append returns");
            for (int i = 5; i <= 8; i++) {
                journal.append(i, contact(i), List.of());
            }
            assertEquals(8, journal.syncedSeq(), "at groupCommitMaxRecords (4) unsynced records it syncs");
        }

        @Test
        void no_door_event_waits_longer_than_the_group_commit_time() throws Exception {
            open(new JournalSettings(SETTINGS.segmentMaxBytes(), SETTINGS.retainMaxBytes(), 30, 1_000, 20));
            journal.append(1, contact(1), List.of());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (journal.syncedSeq() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, journal.syncedSeq());
        }

        @Test
        void every_mode_changing_event_kind_is_synced() {
            for (Event e : Events.everyVariant()) {
                boolean mode = e instanceof Event.ModeRequested || e instanceof Event.PanicPressed
                        || e instanceof Event.WeaponDetected || e instanceof Event.FireAlarmChanged
                        || e instanceof Event.ControllerStarted || e instanceof Event.PeerModeSeen;
                assertEquals(mode, FileJournal.isModeChange(e), e.toString());
            }
        }
    }

    @Nested
    class Corruption {
        @Test
        void a_truncated_tail_is_cut_back_to_the_last_good_record() throws Exception {
            write(5);
            Path seg = onlySegment();
            long[] offs = recordOffsets(seg);
            long size = Files.size(seg);
            try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
                f.setLength(size - 3);
            }
            open();
            assertEquals(4, journal.records().size());
            JournalProblem p = journal.problems().getFirst();
            assertEquals(JournalProblem.Kind.TORN_TAIL, p.kind());
            assertEquals(offs[4], p.offset());
            assertTrue(p.toString().contains(seg.toString()) && p.toString().contains("offset " + offs[4])
                    && p.toString().contains("torn write"), p.toString());
            assertEquals(offs[4], Files.size(seg), "the torn bytes are cut");
            journal.append(60, contact(6), List.of());
            open();
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), journal.records().stream().map(JournalRecord::seq).toList());
            assertTrue(journal.problems().isEmpty(), "after the cut the journal is clean: " + journal.problems());
        }

        @Test
        void a_flipped_byte_in_the_middle_is_skipped_to_the_next_good_record_and_reported() throws Exception {
            write(5);
            Path seg = onlySegment();
            long[] offs = recordOffsets(seg);
            byte[] b = Files.readAllBytes(seg);
            int at = (int) offs[2] + 20;
            overwrite(seg, at, new byte[] {(byte) (b[at] ^ 0x10)});
            open();
            assertEquals(List.of(1L, 2L, 4L, 5L), journal.records().stream().map(JournalRecord::seq).toList(),
                    "record 3 is lost, the records after it are kept");
            JournalProblem p = journal.problems().getFirst();
            assertEquals(JournalProblem.Kind.CORRUPT_MIDDLE, p.kind());
            assertEquals(offs[2], p.offset());
            assertEquals(offs[3] - offs[2], p.length());
            assertTrue(p.reason().contains("CRC mismatch"), p.reason());
            assertEquals(1, journal.openProblems().size());
            journal.append(60, contact(6), List.of());
            assertEquals(6, journal.lastSeq());
        }

        @Test
        void a_flipped_byte_in_the_last_record_is_a_bad_tail_and_is_cut() throws Exception {
            write(3);
            Path seg = onlySegment();
            long[] offs = recordOffsets(seg);
            overwrite(seg, offs[2] + 9, new byte[] {(byte) 0xFF});
            open();
            assertEquals(2, journal.records().size());
            assertEquals(JournalProblem.Kind.TORN_TAIL, journal.problems().getFirst().kind());
            assertTrue(journal.problems().getFirst().reason().contains("CRC mismatch"));
        }

        @Test
        void a_zero_filled_block_in_the_middle_is_detected_and_skipped() throws Exception {
            write(20);
            Path seg = onlySegment();
            long[] offs = recordOffsets(seg);
            overwrite(seg, offs[5], new byte[(int) (offs[9] - offs[5])]);
            open();
            assertEquals(16, journal.records().size());
            JournalProblem p = journal.problems().getFirst();
            assertEquals(JournalProblem.Kind.CORRUPT_MIDDLE, p.kind());
            assertTrue(p.reason().contains("zero-filled"), p.reason());
            assertEquals(offs[5], p.offset());
            assertEquals(offs[9] - offs[5], p.length());
        }

        @Test
        void a_zero_filled_tail_left_by_a_power_cut_is_cut() throws Exception {
            write(3);
            Path seg = onlySegment();
            long size = Files.size(seg);
            overwrite(seg, size, new byte[4096]);
            open();
            assertEquals(3, journal.records().size());
            assertEquals(JournalProblem.Kind.TORN_TAIL, journal.problems().getFirst().kind());
            assertEquals(size, Files.size(seg));
        }

        @Test
        void a_segment_with_a_broken_header_is_set_aside_and_the_others_are_read() throws Exception {
            open(SETTINGS.withSegmentMaxBytes(JournalSettings.MIN_SEGMENT_BYTES));
            for (int i = 1; i <= 400; i++) {
                journal.append(i, contact(i), List.of());
            }
            journal.close();
            journal = null;
            List<Path> segs = JournalReader.segments(dir);
            assertTrue(segs.size() >= 3, "segments: " + segs);
            overwrite(segs.get(1), 2, new byte[] {'X'});
            open(SETTINGS.withSegmentMaxBytes(JournalSettings.MIN_SEGMENT_BYTES));
            List<JournalProblem.Kind> kinds = journal.problems().stream().map(JournalProblem::kind).toList();
            assertEquals(List.of(JournalProblem.Kind.BAD_HEADER, JournalProblem.Kind.SEQUENCE_GAP), kinds);
            assertTrue(Files.exists(segs.get(1).resolveSibling(segs.get(1).getFileName() + ".corrupt")));
            assertTrue(journal.records().size() < 400 && journal.records().getLast().seq() == 400);
        }

        @Test
        void the_offline_reader_reports_but_never_repairs() throws Exception {
            write(5);
            Path seg = onlySegment();
            long size = Files.size(seg);
            try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
                f.setLength(size - 1);
            }
            JournalReader.Contents c = JournalReader.read(dir);
            assertEquals(4, c.records().size());
            assertEquals(JournalProblem.Kind.TORN_TAIL, c.problems().getFirst().kind());
            assertEquals(size - 1, Files.size(seg));
        }
    }

    @Nested
    class FullDiskAndFailures {
        @Test
        void a_full_disk_fails_the_append_cuts_the_half_record_and_the_journal_works_when_space_returns()
                throws Exception {
            FullDisk disk = new FullDisk(JournalReserve.BYTES + 1_000); // the reserve, then room for a few records
            journal = FileJournal.open(dir, "east-lower", SETTINGS, WALL, disk);
            int written = 0;
            JournalException full = null;
            for (int i = 1; i <= 100 && full == null; i++) {
                try {
                    journal.append(i, contact(i), List.of());
                    written++;
                } catch (JournalException e) {
                    full = e;
                }
            }
            assertTrue(full != null && full.getMessage().contains("No space left on device"), String.valueOf(full));
            assertEquals(1, journal.appendFailures());
            assertEquals(written, journal.records().size(), "the half-written record was cut back");
            assertTrue(JournalReader.read(dir).problems().isEmpty());
            disk.bytesLeft = 1 << 20;
            journal.append(1_000, lockdown("after"), List.of());
            assertEquals(written + 1, journal.records().size());
            assertEquals(written + 1, journal.records().getLast().seq(), "no sequence number was used up");
        }

        @Test
        void a_failed_fsync_throws_and_the_next_record_goes_to_a_new_segment() throws Exception {
            FullDisk disk = new FullDisk(JournalReserve.BYTES + (1 << 20));
            journal = FileJournal.open(dir, "east-lower", SETTINGS, WALL, disk);
            journal.append(1, contact(1), List.of());
            disk.fsyncFails = true;
            JournalException e = assertThrows(JournalException.class, () -> journal.append(2, lockdown("x"), List.of(new org.lockstep.controller.core.Fact.ZoneModeChanged("east", new org.lockstep.controller.core.ZoneMode(
                    org.lockstep.controller.core.Mode.LOCKDOWN, false, 2, java.util.Optional.empty(), "test", 1)))));
            assertTrue(e.getMessage().contains("fsync"), e.getMessage());
            disk.fsyncFails = false;
            journal.append(3, lockdown("y"), List.of(new org.lockstep.controller.core.Fact.ZoneModeChanged("east", new org.lockstep.controller.core.ZoneMode(
                    org.lockstep.controller.core.Mode.LOCKDOWN, false, 2, java.util.Optional.empty(), "test", 1))));
            assertEquals(2, JournalReader.segments(dir).size());
            assertEquals(3, journal.syncedSeq());
        }
    }

    @Nested
    class RotationAndRetention {
        static final JournalSettings SMALL = SETTINGS.withSegmentMaxBytes(JournalSettings.MIN_SEGMENT_BYTES)
                .withRetainMaxBytes(4 * JournalSettings.MIN_SEGMENT_BYTES);

        @Test
        void segments_rotate_by_size_and_read_back_in_order() {
            open(SMALL.withRetainMaxBytes(1L << 30));
            for (int i = 1; i <= 1_000; i++) {
                journal.append(i, contact(i), List.of());
            }
            open(SMALL.withRetainMaxBytes(1L << 30));
            assertEquals(1_000, journal.records().size());
            try {
                assertTrue(JournalReader.segments(dir).size() > 5);
                for (Path p : JournalReader.segments(dir)) {
                    assertTrue(Files.size(p) <= JournalSettings.MIN_SEGMENT_BYTES, p.toString());
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        @Test
        void old_segments_are_deleted_past_the_bound_while_the_site_is_quiescent() throws IOException {
            open(SMALL);
            for (int i = 1; i <= 2_000; i++) {
                journal.append(i, contact(i), List.of());
                journal.quiescent(true);
            }
            long total = 0;
            for (Path p : JournalReader.segments(dir)) {
                total += Files.size(p);
            }
            assertTrue(total <= SMALL.retainMaxBytes() + SMALL.segmentMaxBytes(), "total " + total);
            assertEquals(0, journal.retentionOverruns());
        }

        @Test
        void retention_never_deletes_the_lockdown_a_restart_depends_on() throws IOException {
            open(SMALL);
            journal.append(1, lockdown("ld"), List.of());
            journal.quiescent(false);
            for (int i = 2; i <= 2_000; i++) {
                journal.append(i, contact(i), List.of());
                journal.quiescent(false);
            }
            assertTrue(journal.retentionOverruns() > 0, "the overrun is counted");
            assertEquals(lockdown("ld"), journal.readAll().getFirst().event(), "a restart still replays the lockdown");
        }

        @Test
        void a_restart_replays_from_the_oldest_restart_point() {
            open(SMALL.withRetainMaxBytes(1L << 30));
            for (int i = 1; i <= 300; i++) {
                journal.append(i, contact(i), List.of());
                journal.quiescent(i > 150);
            }
            List<EventJournal.Entry> replay = journal.readAll();
            assertEquals(1, replay.getFirst().seq(), "the first segment is a restart point: the start of history");
            assertFalse(replay.isEmpty());
        }
    }
}
