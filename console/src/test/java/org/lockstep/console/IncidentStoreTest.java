package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Site;

/**
 * The drill log in {@code --data DIR}: a restart brings it back (an incident open at the stop comes back open and
 * marked interrupted), and the file is read back as untrusted input. Wired as {@link Console#withData} wires it.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IncidentStoreTest {
    static final Site SITE = ConsoleDecoderTest.SITE.site();
    @TempDir
    Path tmp;

    /** One run of a console: its picture, its drill log kept in {@code dir}. */
    record Run(ConsoleState state, ConsoleData data) {
        static Run start(Path dir, long nowMs) throws DataDir.Unusable {
            ConsoleState state = new ConsoleState(SITE, SITE.name());
            ConsoleData data = ConsoleData.open(dir, SITE, nowMs);
            state.keepIncidentsIn(data.incidents(), nowMs);
            return new Run(state, data);
        }

        void zone(String zone, Mode mode, boolean drill, String trigger, long nowMs) {
            state.apply(new ConsoleDecoder.Update.Zone(zone, mode, drill, "", trigger, ""), nowMs);
        }

        void doors(String zone, DoorStatus status, long nowMs) {
            SITE.doors().stream().filter(d -> d.zone().equals(zone)).forEach(d -> state.apply(
                    new ConsoleDecoder.Update.Door(d.id(), Optional.of(status), false, "", ""), nowMs));
        }

        JsonNode incidents(long nowMs) {
            return state.snapshot(nowMs).get("incidents");
        }

        /** As Console.close does it. */
        void stop(long nowMs) {
            state.stopping(nowMs);
            data.close();
        }
    }

    private Path dataDir() {
        return tmp.resolve("data");
    }

    /** A closed drill in east (every door secured after 1 s, ALL CLEAR by okafor), then a LOCKDOWN of west still on. */
    private void twoIncidentsThenStopAt(long stopMs) throws Exception {
        Run run = Run.start(dataDir(), 0);
        run.doors("east", DoorStatus.UNLOCKED, 0);
        run.zone("east", Mode.NORMAL, false, "", 0);
        run.zone("west", Mode.NORMAL, false, "", 0);
        run.zone("east", Mode.LOCKDOWN, true, "panic_button pb-office", 1_000);
        run.doors("east", DoorStatus.SECURED, 2_000);
        run.zone("east", Mode.NORMAL, false, "operator okafor", 60_000);
        run.zone("west", Mode.LOCKDOWN, false, "operator rivera", 100_000);
        run.stop(stopMs);
    }

    @Test
    void a_restart_brings_the_drill_log_back_and_an_incident_open_at_the_stop_comes_back_open_and_interrupted()
            throws Exception {
        twoIncidentsThenStopAt(120_000);
        Run run = Run.start(dataDir(), 500_000);
        JsonNode list = run.incidents(500_000);
        assertEquals(2, list.size(), list.toString());
        JsonNode drill = list.get(1);
        assertTrue(drill.get("drill").asBoolean());
        assertEquals("panic_button pb-office", drill.get("trigger").asText());
        assertEquals(1_000, drill.get("securedAfterMs").asLong());
        assertEquals(0, drill.get("neverSecured").size());
        assertEquals("operator okafor", drill.get("endedBy").asText());
        assertFalse(drill.get("open").asBoolean());
        assertFalse(drill.get("interrupted").asBoolean(), "the drill ended before the stop: nothing was missed");
        JsonNode open = list.get(0);
        assertTrue(open.get("open").asBoolean(), "the LOCKDOWN was on at the stop: it comes back open");
        assertTrue(open.get("interrupted").asBoolean(), "and says the console was not watching, never a silent gap");
        assertEquals("1970-01-01T00:02:00Z", open.at("/notWatched/0/from").asText(), "from the stop");
        assertEquals("1970-01-01T00:08:20Z", open.at("/notWatched/0/to").asText(), "to the restart");
        assertTrue(IncidentReport.html(run.state().incident(open.get("id").asText(), 500_000).orElseThrow(),
                SITE.name()).contains("INTERRUPTED"), "the report says so too");

        // The retained modes arrive: west is NORMAL again, ended by okafor; the incident ends, still marked.
        run.zone("west", Mode.NORMAL, false, "operator okafor", 510_000);
        run.stop(520_000);
        Run third = Run.start(dataDir(), 600_000);
        JsonNode after = third.incidents(600_000).get(0);
        third.data().close(); // nothing of it may write while the temp directory is deleted
        assertFalse(after.get("open").asBoolean(), after.toString());
        assertEquals("operator okafor", after.get("endedBy").asText());
        assertTrue(after.get("interrupted").asBoolean());
    }

    @Test
    void after_a_power_cut_the_gap_starts_at_most_a_minute_before_the_console_stopped_watching() throws Exception {
        Run run = Run.start(dataDir(), 0);
        run.zone("west", Mode.NORMAL, false, "", 0);
        run.zone("west", Mode.LOCKDOWN, false, "operator rivera", 100_000);
        for (long t = 100_000; t <= 400_000; t += 1_000) {
            run.state().tick(t); // the console's worker ticks while nothing changes
        }
        assertTrue(run.data().incidents().flush(10_000));
        run.data().close(); // a power cut: no orderly stop (no last record), the directory free for the next start
        Run next = Run.start(dataDir(), 900_000);
        JsonNode i = next.incidents(900_000).get(0);
        next.data().close(); // its writer thread must not write while the temp directory is deleted
        long from = java.time.Instant.parse(i.at("/notWatched/0/from").asText()).toEpochMilli();
        assertTrue(from > 400_000 - IncidentLog.WATCHING_RECORD_MS, "not watched from " + from + ", not from the"
                + " start of the lockdown: it was recorded as watched until at most a minute before the cut");
    }

    @Test
    void a_second_console_on_the_same_directory_is_refused_until_the_first_stops() throws Exception {
        Run first = Run.start(dataDir(), 0);
        DataDir.Unusable e = assertThrows(DataDir.Unusable.class, () -> Run.start(dataDir(), 0));
        assertTrue(e.getMessage().contains(dataDir() + " is in use by another console"), e.getMessage());
        first.stop(0);
        Run.start(dataDir(), 0).stop(0);
    }

    @Test
    void a_truncated_last_line_is_skipped_with_its_number_and_the_rest_is_kept() throws Exception {
        twoIncidentsThenStopAt(120_000);
        Path file = dataDir().resolve(IncidentStore.FILE);
        int lines = Files.readAllLines(file).size();
        Files.writeString(file, "{\"id\":\"i999999\",\"mode\":\"LOCKD", StandardOpenOption.APPEND); // a power cut
        IncidentStore.Loaded l = IncidentStore.load(DataDir.open(dataDir()), SITE);
        assertEquals(2, l.records().size());
        assertEquals(1, l.skipped());
        assertTrue(l.notes().getFirst().contains("line " + (lines + 1) + " skipped: incomplete"), l.notes().toString());

        // Opening it rewrites it without the piece (kept beside it), so the next line is not glued onto it.
        Run run = Run.start(dataDir(), 200_000);
        assertTrue(Files.exists(dataDir().resolve(IncidentStore.FILE + ".old")));
        run.zone("east", Mode.SECURE, false, "operator rivera", 210_000);
        run.stop(220_000);
        IncidentStore.Loaded again = IncidentStore.load(DataDir.open(dataDir()), SITE);
        assertEquals(0, again.skipped(), again.notes().toString());
        assertEquals(2, again.records().size(), "west's incident, still open, took east in");
    }

    @Test
    void hostile_and_malformed_lines_are_skipped_each_saying_why_and_markup_in_a_field_stays_text_in_the_report()
            throws Exception {
        String good = "{\"id\":\"i5000\",\"mode\":\"LOCKDOWN\",\"drill\":false,\"zones\":[\"east\"],\"start\":5000,"
                + "\"startSeen\":true,\"trigger\":\"operator <script>alert(1)</script>\",\"reason\":\"</td><img src=x"
                + " onerror=alert(1)>\",\"everSecured\":[],\"allSecured\":-1,\"end\":9000,\"endedBy\":\"operator "
                + "okafor\",\"saved\":9000,\"gaps\":[]}";
        List<String> bad = List.of(
                "not json",
                "[1,2]",
                good.replace("\"east\"", "\"nowhere\""),
                good.replace("\"drill\":false", "\"drill\":\"yes\""),
                good.replace("\"gaps\":[]", "\"gaps\":[],\"admin\":true"),
                good.replace("\"start\":5000", "\"start\":99999999999999999999"),
                good.replace("i5000", "i7000").replace("\"start\":5000", "\"start\":5000.5"),
                good.replace("\"end\":9000", "\"end\":4000"),
                good.replace("\"mode\":\"LOCKDOWN\"", "\"mode\":\"NORMAL\""),
                good.replace("\"id\":\"i5000\"", "\"id\":\"../../etc\""),
                good.replace("\"everSecured\":[]", "\"everSecured\":[\"c104\",\"c104\"]"),
                good.replace("\"reason\":\"", "\"reason\":\"" + "x".repeat(600)),
                good.replace("i5000", "i6000").replace("[]}", "[]" + " ".repeat(IncidentStore.MAX_LINE_BYTES) + "}"));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write((good + "\n").getBytes(StandardCharsets.UTF_8));
        for (String b : bad) {
            file.write((b + "\n").getBytes(StandardCharsets.UTF_8));
        }
        file.write(new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}', '\n'});
        Files.createDirectories(dataDir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                "rwx------")));
        Files.write(dataDir().resolve(IncidentStore.FILE), file.toByteArray());
        Files.setPosixFilePermissions(dataDir().resolve(IncidentStore.FILE), PosixFilePermissions.fromString(
                "rw-------"));

        IncidentStore.Loaded l = IncidentStore.load(DataDir.open(dataDir()), SITE);
        assertEquals(1, l.records().size(), l.notes().toString());
        assertEquals(bad.size() + 1, l.skipped(), l.notes().toString());
        for (int line = 2; line <= bad.size() + 2; line++) {
            int n = line;
            assertTrue(l.notes().stream().anyMatch(s -> s.contains("line " + n + " skipped: ")), "line " + n
                    + " named: " + l.notes());
        }
        assertTrue(l.notes().stream().anyMatch(s -> s.contains("line 4 skipped") && s.contains("nowhere")
                && s.contains("not a zone of the site file")), l.notes().toString());
        assertTrue(l.notes().stream().anyMatch(s -> s.contains("line 15 skipped: not UTF-8")), l.notes().toString());

        Run run = Run.start(dataDir(), 10_000);
        String html = IncidentReport.html(run.state().incident("i5000", 10_000).orElseThrow(), SITE.name());
        assertFalse(html.contains("<script>alert") || html.contains("<img"), html);
        assertTrue(html.contains("operator &lt;script&gt;alert(1)&lt;/script&gt;"), html);
        run.stop(10_000);
    }

    @Test
    void a_directory_others_can_write_is_refused_naming_it_and_the_fix() throws Exception {
        Path open = tmp.resolve("open");
        Files.createDirectories(open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        DataDir.Unusable e = assertThrows(DataDir.Unusable.class, () -> Run.start(open, 0));
        assertTrue(e.getMessage().contains(open.toString()) && e.getMessage().contains("chmod 700 " + open),
                e.getMessage());
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwx---"));
        assertThrows(DataDir.Unusable.class, () -> Run.start(open, 0), "group-writable too");
    }

    @Test
    void a_drill_log_file_others_can_read_or_a_link_is_refused_naming_it_and_the_fix() throws Exception {
        twoIncidentsThenStopAt(120_000);
        Path file = dataDir().resolve(IncidentStore.FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        DataDir.Unusable e = assertThrows(DataDir.Unusable.class, () -> Run.start(dataDir(), 0));
        assertTrue(e.getMessage().contains("chmod 600 " + file), e.getMessage());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.move(file, tmp.resolve("elsewhere"));
        Files.createSymbolicLink(file, tmp.resolve("elsewhere"));
        e = assertThrows(DataDir.Unusable.class, () -> Run.start(dataDir(), 0));
        assertTrue(e.getMessage().contains(file + " is not a regular file"), e.getMessage());
    }

    @Test
    void the_directory_is_made_0700_and_the_file_600() throws Exception {
        twoIncidentsThenStopAt(120_000);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dataDir().resolve(IncidentStore.FILE))));
    }

    @Test
    void only_the_last_100_are_kept_and_the_file_is_rewritten_before_it_grows_past_its_bound() throws Exception {
        List<String> all = SITE.doors().stream().map(DoorSpec::id).toList();
        IncidentStore store = IncidentStore.open(DataDir.open(dataDir()), SITE);
        List<String> ids = new ArrayList<>();
        long bytes = 0;
        for (int i = 1; bytes < 3 * IncidentStore.COMPACT_AT_BYTES; i++) {
            IncidentRecord r = new IncidentRecord("i" + i, Mode.LOCKDOWN, false, List.of("east"), i, true,
                    "operator rivera", "", all, i, i + 1, "operator okafor", i + 1, List.of());
            store.save(r);
            ids.add(r.id());
            bytes += r.toJson().toString().length() + 1;
        }
        assertTrue(store.flush(60_000), "written");
        long size = Files.size(dataDir().resolve(IncidentStore.FILE));
        assertTrue(size <= IncidentStore.COMPACT_AT_BYTES + 2 * IncidentLog.MAX * (bytes / ids.size()),
                "the file is rewritten with the last 100 past " + IncidentStore.COMPACT_AT_BYTES + " bytes of appends:"
                        + " " + size + " bytes after " + bytes + " appended");
        store.close();
        List<IncidentRecord> back = IncidentStore.load(DataDir.open(dataDir()), SITE).records();
        assertEquals(ids.subList(ids.size() - IncidentLog.MAX, ids.size()), back.stream().map(IncidentRecord::id)
                .toList(), "the newest 100, oldest first");
    }
}
