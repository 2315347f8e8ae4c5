package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.journal.FileJournal;
import org.lockstep.controller.journal.JournalSettings;

class JournalAndReportCommandTest {
    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void journal() {
        Path j = dir.resolve("east-lower");
        long w = Instant.parse("2026-03-04T09:00:00Z").toEpochMilli();
        SetClock clock = new SetClock(w);
        try (FileJournal f = FileJournal.open(j, "east-lower", JournalSettings.DEFAULTS, clock)) {
            f.append(0, new Event.ControllerStarted(), List.of());
            clock.ms = w + 1_000;
            f.append(1_000, new Event.ModeRequested("ld", Mode.LOCKDOWN, Scope.SITE, false,
                    new Source.Operator("rivera"), "intruder"), List.of());
            clock.ms = w + 9_000;
            f.append(9_000, new Event.ModeRequested("ac", Mode.NORMAL, Scope.SITE, false,
                    new Source.Operator("okafor"), "police on site"), List.of());
        }
    }

    int run(String... argv) {
        return Main.run(List.of(argv), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void journal_prints_every_record_in_words() {
        assertEquals(0, run("journal", "--dir", dir.resolve("east-lower").toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("request LOCKDOWN for site by operator rivera [ld]: intruder"), text);
        assertTrue(text.contains("request ALL CLEAR for site by operator okafor"), text);
    }

    @Test
    void journal_reports_a_torn_tail_and_exits_1_without_repairing_it() throws Exception {
        Path seg = Files.list(dir.resolve("east-lower")).findFirst().orElseThrow();
        long size = Files.size(seg);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(size - 2);
        }
        assertEquals(1, run("journal", "--dir", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("torn tail"), err.toString(StandardCharsets.UTF_8));
        assertEquals(size - 2, Files.size(seg));
    }

    @Test
    void report_names_who_started_and_who_ended_it() {
        assertEquals(0, run("report", "--journal", dir.toString(), "--config", MainTest.SITE, "--format", "json"));
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.contains("\"by\": \"operator rivera\", \"reason\": \"intruder\""), json);
        assertTrue(json.contains("\"allClear\": {\"at\""), json);
    }

    @Test
    void report_periods_and_formats_are_checked() {
        assertEquals(0, run("report", "--journal", dir.toString(), "--config", MainTest.SITE, "--format", "csv",
                "--from", "2026-03-05"));
        assertEquals(1, out.toString(StandardCharsets.UTF_8).split("\r\n").length, "only the header row");
        assertEquals(64, run("report", "--journal", dir.toString(), "--format", "pdf"));
        assertEquals(64, run("report", "--journal", dir.toString(), "--from", "yesterday"));
        assertEquals(64, run("report"));
    }

    @Test
    void report_writes_a_self_contained_html_file() throws Exception {
        Path html = dir.resolve("r.html");
        assertEquals(0, run("report", "--journal", dir.toString(), "--config", MainTest.SITE, "--out",
                html.toString()));
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<svg") && !page.contains("http"));
    }

    /** A wall clock the test sets by hand (a clock NTP steps). */
    static final class SetClock extends Clock {
        volatile long ms;

        SetClock(long ms) {
            this.ms = ms;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(ms);
        }
    }

    static void flipByte(Path file, long offset) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x5a);
        }
    }

    private Path segment(String controller) throws Exception {
        try (var files = Files.list(dir.resolve(controller))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".lsj")).findFirst().orElseThrow();
        }
    }

    @Test
    void report_on_a_damaged_journal_exits_1_and_says_so_on_stderr_in_every_format() throws Exception {
        Path seg = segment("east-lower");
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(Files.size(seg) - 2);
        }
        for (String format : List.of("html", "json", "csv")) {
            out.reset();
            err.reset();
            assertEquals(1, run("report", "--journal", dir.toString(), "--config", MainTest.SITE, "--format", format),
                    format);
            String e = err.toString(StandardCharsets.UTF_8);
            assertTrue(e.contains("journal problem") && e.contains("torn tail"), format + ": " + e);
            String o = out.toString(StandardCharsets.UTF_8);
            switch (format) {
                case "json" -> assertTrue(o.contains("\"journalProblems\": [\n       \""), o);
                case "csv" -> assertTrue(o.startsWith("incident_start") && o.split("\r\n")[0].endsWith(
                        ",journal_problems") && o.split("\r\n")[1].contains("torn tail"), o);
                default -> assertTrue(o.contains("Journal problems"), o);
            }
        }
    }

    @Test
    void a_damaged_segment_header_is_reported_with_exit_1_in_a_site_directory_and_alone() throws Exception {
        try (FileJournal f = FileJournal.open(dir.resolve("east-upper"), "east-upper", JournalSettings.DEFAULTS,
                Clock.fixed(Instant.parse("2026-03-04T09:00:00Z"), ZoneOffset.UTC))) {
            f.append(0, new Event.ControllerStarted(), List.of());
        }
        flipByte(segment("east-upper"), 6);
        assertEquals(1, run("journal", "--dir", dir.toString()));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("east-upper") && e.contains("header"), e);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("# controller east-lower"), "the others are listed");
        err.reset();
        assertEquals(1, run("journal", "--dir", dir.resolve("east-upper").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("header"), err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(1, run("report", "--journal", dir.toString(), "--config", MainTest.SITE, "--format", "json"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("east-upper"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void journal_shows_where_the_wall_clock_stepped() {
        long w = Instant.parse("2026-03-04T09:00:00Z").toEpochMilli();
        SetClock clock = new SetClock(w);
        try (FileJournal f = FileJournal.open(dir.resolve("east-upper"), "east-upper", JournalSettings.DEFAULTS,
                clock)) {
            f.append(0, new Event.ControllerStarted(), List.of());
            clock.ms = w + 1_000;
            f.append(1_000, new Event.TimeAdvanced(), List.of());
            clock.ms = w + 2_000 + 500L * 86_400_000L;
            f.append(2_000, new Event.TimeAdvanced(), List.of());
        }
        assertEquals(0, run("journal", "--dir", dir.resolve("east-upper").toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("# wall clock stepped +500 d 00:00:00.000 here (monotonic time 2000 ms)"), text);
    }
}
