package org.lockstep.controller.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.journal.FileJournal;
import org.lockstep.controller.journal.JournalSettings;

/**
 * What a refused or repeated command costs the journal: a real {@link FileJournal} in a temp dir under a real loop.
 * Group commit is set wide (10,000 records, 5 s) so that any fsync seen here is one the loop asked for.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JournalCostTest {
    @TempDir
    Path dir;
    private FileJournal journal;
    private LaneRig rig;

    @BeforeEach
    void start() throws Exception {
        JournalSettings wide = new JournalSettings(JournalSettings.DEFAULTS.segmentMaxBytes(),
                JournalSettings.DEFAULTS.retainMaxBytes(), 30, 10_000, 5_000);
        journal = FileJournal.open(dir, "c1", wide, Clock.systemUTC());
        rig = new LaneRig(d -> d, Outbound.NONE, journal);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private void local(String id, Mode mode, String operator) {
        rig.loop.offer(new LoopInput.External(LaneRig.request(id, mode, operator)));
        rig.loop.processPending();
    }

    @Test
    void a_refused_command_is_journaled_and_counted_but_not_fsynced() {
        long synced = journal.syncedSeq();
        long last = journal.lastSeq();

        local("r1", Mode.LOCKDOWN, "chen");   // may only run drills
        local("r2", Mode.LOCKDOWN, "ghost");  // not in the site file

        assertEquals(last + 2, journal.lastSeq(), "both refusals are in the record");
        assertEquals(synced, journal.syncedSeq(), "neither cost an fsync");
        assertEquals(2, rig.loop.requestsRefused());
    }

    @Test
    void a_repeated_request_id_is_not_journaled_again() {
        local("r1", Mode.LOCKDOWN, "chen");
        long last = journal.lastSeq();

        local("r1", Mode.LOCKDOWN, "chen");
        local("r1", Mode.LOCKDOWN, "chen");

        assertEquals(last, journal.lastSeq());
        assertEquals(2, rig.loop.requestsNotJournaled());
    }

    @Test
    void a_command_that_changes_a_zone_mode_is_on_disk_before_the_loop_goes_on() {
        local("r1", Mode.LOCKDOWN, "chen");
        local("real", Mode.LOCKDOWN, "okafor");

        assertTrue(rig.allLocked());
        assertEquals(journal.lastSeq(), journal.syncedSeq(), "fsynced, the refusal before it with it");

        long last = journal.lastSeq();
        local("again", Mode.LOCKDOWN, "okafor"); // a new id, but already in LOCKDOWN: nothing changes
        assertEquals(last + 1, journal.lastSeq(), "a new request is recorded");
        assertEquals(last, journal.syncedSeq(), "but it changed no mode: no fsync");
    }
}
