package org.lockstep.controller.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.core.Alert;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.ZoneMode;
import org.lockstep.controller.journal.FileJournal;
import org.lockstep.controller.journal.GroupCommitWriter;
import org.lockstep.controller.journal.JournalSettings;
import org.lockstep.controller.journal.JournalStorage;

/**
 * The loop never waits for the journal's fsync (issue 11): a real {@link FileJournal} behind a
 * {@link GroupCommitWriter}, whose fsync a test holds shut with a gate. No sleeps: the gate, the writer's settled count
 * and the rig's hand-driven clock decide everything.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GroupCommitTest {
    /** A disk whose fsync waits at the gate while it is shut. */
    static final class GatedStorage implements JournalStorage {
        final AtomicBoolean shut = new AtomicBoolean();
        final Semaphore passes = new Semaphore(0);

        void shut() {
            shut.set(true);
        }

        void open() {
            shut.set(false);
            passes.release(1_000);
        }

        private void gate() throws IOException {
            if (shut.get()) {
                passes.acquireUninterruptibly();
            }
        }

        @Override
        public SegmentChannel create(Path file) throws IOException {
            return gated(JournalStorage.FILES.create(file));
        }

        @Override
        public SegmentChannel openAppend(Path file) throws IOException {
            return gated(JournalStorage.FILES.openAppend(file));
        }

        @Override
        public void syncDirectory(Path dir) throws IOException {
            JournalStorage.FILES.syncDirectory(dir);
        }

        private SegmentChannel gated(SegmentChannel real) {
            return new SegmentChannel() {
                @Override
                public void write(ByteBuffer bytes) throws IOException {
                    real.write(bytes);
                }

                @Override
                public void force() throws IOException {
                    gate();
                    real.force();
                }

                @Override
                public long size() throws IOException {
                    return real.size();
                }

                @Override
                public void truncate(long size) throws IOException {
                    real.truncate(size);
                }

                @Override
                public void close() throws IOException {
                    real.close();
                }
            };
        }
    }

    /** What reached the consoles. */
    static final class Seen implements Outbound {
        final List<String> zones = new CopyOnWriteArrayList<>();
        final List<String> alerts = new CopyOnWriteArrayList<>();

        @Override
        public void door(String c, DoorView d) {}

        @Override
        public void zone(String c, String zoneId, ZoneMode m) {
            zones.add(zoneId + " " + m.mode());
        }

        @Override
        public void alert(String c, Alert a, long atMs) {
            alerts.add(a.kind() + " " + a.subjectId() + ": " + a.detail());
        }

        @Override
        public void reply(String c, Command.Reply r) {}
    }

    @TempDir
    Path dir;
    private final GatedStorage disk = new GatedStorage();
    private final Seen seen = new Seen();
    private FileJournal file;
    private GroupCommitWriter writer;
    private LaneRig rig;

    @BeforeEach
    void start() throws Exception {
        file = FileJournal.open(dir, "c1", JournalSettings.DEFAULTS, Clock.systemUTC(), disk);
        writer = new GroupCommitWriter(file);
        rig = new LaneRig(d -> d, seen, writer);
        settle();
        seen.zones.clear();
    }

    @AfterEach
    void stop() {
        disk.open();
        rig.close();
    }

    /** Waits (with a deadline, as a hang guard only) until the writer has settled every record, then turns the loop. */
    private void settle() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            while (writer.settled() < writer.taken()) {
                Thread.onSpinWait();
            }
        });
        rig.loop.processPending();
        rig.loop.runDue();
    }

    private void press() {
        // The loop runs on this thread: if it waited for the shut fsync, this would never return (the guard fails).
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            rig.press();
            rig.loop.processPending();
        });
    }

    @Test
    void a_press_drives_every_relay_while_the_journal_cannot_fsync() {
        disk.shut();

        press();

        assertTrue(rig.allLocked(), "relays driven with the fsync still waiting");
        assertTrue(writer.settled() < writer.taken(), "the press's record is not on disk yet");
    }

    @Test
    void a_mode_change_is_published_only_once_its_record_is_on_disk() {
        disk.shut();
        press();
        rig.loop.runDue();
        assertEquals(List.of(), seen.zones, "held while the record is not durable");

        disk.open();
        settle();

        assertEquals(List.of("east LOCKDOWN", "west LOCKDOWN"), seen.zones.stream().sorted().toList());
        assertEquals(file.lastSeq(), file.syncedSeq(), "on disk before it was published");
    }

    @Test
    void a_stalled_fsync_is_a_journal_fault_after_two_seconds_and_the_held_mode_goes_out_with_it() {
        disk.shut();
        press();
        rig.nowMs.addAndGet(ControllerLoop.JOURNAL_STALL_MS - 1);
        rig.loop.runDue();
        assertEquals(List.of(), seen.zones, "still held just before the watchdog's bound");

        rig.nowMs.addAndGet(1);
        rig.loop.runDue();

        assertTrue(seen.alerts.stream().anyMatch(a -> a.contains("journal") && a.contains("not on disk")),
                seen.alerts.toString());
        assertEquals(List.of("east LOCKDOWN", "west LOCKDOWN"), seen.zones.stream().sorted().toList());
        assertTrue(!rig.loop.journalHealth().ok(), "the status says the journal is not healthy");
    }

    @Test
    void the_journal_still_replays_what_the_writer_wrote() throws Exception {
        press();
        settle();
        rig.close();

        FileJournal again = FileJournal.open(dir, "c1", JournalSettings.DEFAULTS, Clock.systemUTC());
        try (LaneRig restarted = new LaneRig(d -> d, Outbound.NONE, new GroupCommitWriter(again))) {
            assertEquals(Mode.LOCKDOWN, restarted.loop.state().zones().values().iterator().next().mode());
            assertTrue(restarted.allLocked());
        }
        rig = new LaneRig(); // for stop()
    }
}
