package org.lockstep.controller.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Fact;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.simulator.SimulatedSchool;

/**
 * A controller in the field must not lose its history on upgrade: a journal written by the format-1 code (the bytes
 * in src/test/resources/journal-v1, written by commit b017fb5's V1FixtureWriter: a LOCKDOWN by operator rivera among
 * door traffic) is read by this build, its inputs are decided once, and the restart's checkpoint means a later site
 * edit can no longer change them.
 */
class JournalUpgradeTest {
    static final String CTL = "east-lower";

    @TempDir
    Path dir;

    @Test
    void a_format_1_journal_is_read_and_its_lockdown_survives_the_upgrade_and_a_later_edit() throws Exception {
        Path journal = dir.resolve(CTL);
        Files.createDirectories(journal);
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/journal-v1", CTL))) {
            for (Path f : files.toList()) {
                Files.copy(f, journal.resolve(f.getFileName()));
            }
        }
        JournalReader.Contents old = JournalReader.read(journal);
        assertEquals(List.of(), old.problems());
        assertEquals(7, old.records().size());
        assertTrue(old.records().stream().noneMatch(JournalRecord::decided), "format 1 holds inputs only");
        assertTrue(old.records().get(3).event() instanceof Event.ModeRequested r && r.mode() == Mode.LOCKDOWN);

        SiteConfig example = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
        try (SimulatedSchool s = school(example, journal)) {
            assertEquals(Mode.LOCKDOWN, s.loop(CTL).state().zone("east").mode(), "the format-1 lockdown is back");
        }
        JournalReader.Contents upgraded = JournalReader.read(journal);
        assertEquals(List.of(), upgraded.problems());
        assertEquals(2, upgraded.scans().size(), "the format-1 segment is kept as written; new records start a new one");
        assertEquals(1, upgraded.scans().get(0).header().orElseThrow().version());
        assertEquals(2, upgraded.scans().get(1).header().orElseThrow().version());
        JournalRecord start = upgraded.records().get(7);
        assertTrue(start.decided() && start.event() instanceof Event.ControllerStarted);
        assertTrue(start.facts().getLast() instanceof Fact.Checkpoint, "the first start on format 2 checkpoints");

        // Rivera leaves the school: the next restart starts at the checkpoint and decides nothing again.
        Path edited = dir.resolve("site.yaml");
        Files.writeString(edited, Files.readString(Path.of("../deploy/site.example.yaml")).replace("""
                  - id: rivera
                    name: Ms Rivera (front office)
                    permissions: [initiate, drill]
                """, "").replaceAll("(?m)^    rivera: [A-Za-z0-9+/=]+\n", "")); // and her key, where keys: lists it
        try (SimulatedSchool s = school(SiteConfigLoader.load(edited), journal)) {
            assertEquals(Mode.LOCKDOWN, s.loop(CTL).state().zone("east").mode());
            assertFalse(s.loop(CTL).state().faultedDevices().containsKey("journal"),
                    s.loop(CTL).state().faultedDevices().toString());
        }
    }

    private static SimulatedSchool school(SiteConfig config, Path journal) {
        return SimulatedSchool.create(config, 3, Outbound.NONE, Instant.parse("2026-12-02T09:00:00Z"),
                (id, wall) -> id.equals(CTL) ? FileJournal.open(journal, id, JournalSettings.DEFAULTS, wall)
                        : new MemoryJournal());
    }
}
