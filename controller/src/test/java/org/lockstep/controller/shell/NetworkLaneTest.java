package org.lockstep.controller.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.journal.EventJournal;

/** The two lanes of one real controller (Pi4J mock pins, hand-driven clock): what a network flood can and cannot do. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NetworkLaneTest {
    private LaneRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new LaneRig();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private int flood(int n, String keyPrefix) {
        int accepted = 0;
        for (int i = 0; i < n; i++) {
            if (rig.loop.offerNetwork(keyPrefix + i, LaneRig.request("f" + i, Mode.LOCKDOWN, "ghost" + i))
                    == NetworkInbox.Admission.ACCEPTED) {
                accepted++;
            }
        }
        return accepted;
    }

    @Test
    void a_network_flood_neither_fills_nor_delays_the_local_lane() {
        int accepted = flood(20_000, "cmd:ghost");
        assertTrue(accepted > 0, "some of the flood is admitted (the lane is not simply closed)");

        rig.press();
        assertEquals(0, rig.loop.inbox().refused(), "the panic edge found room in the local lane");
        rig.loop.processPending();

        assertTrue(rig.allLocked(), "one loop turn after the press, every relay is locked");
        List<Event> events = rig.journal.readAll().stream().map(EventJournal.Entry::event).toList();
        int panic = events.indexOf(new Event.PanicPressed("panic-office"));
        assertTrue(panic >= 0, "the press is journaled");
        assertTrue(events.subList(0, panic).stream().noneMatch(e -> e instanceof Event.ModeRequested),
                "the press was handled before any of the flood");
        assertTrue(rig.loop.network().size() >= accepted - LaneLimits.NETWORK_PER_TURN,
                "one turn handles at most " + LaneLimits.NETWORK_PER_TURN + " network inputs");
    }

    @Test
    void made_up_source_keys_share_one_bucket_and_hold_no_memory_so_a_known_operator_still_gets_through() {
        int accepted = flood(20_000, "cmd:ghost");

        assertEquals(LaneLimits.UNKNOWN_SOURCES_BURST, accepted, "every made-up key shares one bucket");
        assertEquals(20_000 - accepted, rig.loop.network().counts().unknownSourceLimited());
        assertEquals(0, rig.loop.network().trackedSources(), "no bucket was made for a made-up key");

        assertEquals(NetworkInbox.Admission.ACCEPTED,
                rig.loop.offerNetwork("cmd:okafor", LaneRig.request("real-1", Mode.LOCKDOWN, "okafor")));
        for (int turn = 0; turn < 100 && !rig.allLocked(); turn++) {
            rig.loop.processPending();
        }
        assertTrue(rig.allLocked(), "the real LOCKDOWN was handled behind the admitted part of the flood");
        assertEquals(1, rig.loop.network().trackedSources());
    }

    @Test
    void one_known_source_is_held_to_its_burst_then_its_rate() {
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            if (rig.loop.offerNetwork("cmd:chen", LaneRig.request("c" + i, Mode.LOCKDOWN, "chen"))
                    == NetworkInbox.Admission.ACCEPTED) {
                accepted++;
            }
        }
        assertEquals(LaneLimits.SOURCE_BURST, accepted);
        assertEquals(100 - LaneLimits.SOURCE_BURST, rig.loop.network().counts().rateLimited());

        rig.nowMs.addAndGet(1_000);
        int later = 0;
        for (int i = 0; i < 100; i++) {
            if (rig.loop.offerNetwork("cmd:chen", LaneRig.request("l" + i, Mode.LOCKDOWN, "chen"))
                    == NetworkInbox.Admission.ACCEPTED) {
                later++;
            }
        }
        assertEquals(LaneLimits.SOURCE_PER_SECOND, later, "a second later, one second's worth of tokens");
        assertEquals(NetworkInbox.Admission.ACCEPTED,
                rig.loop.offerNetwork("cmd:okafor", LaneRig.request("o", Mode.LOCKDOWN, "okafor")),
                "another known source has its own bucket");
    }

    @Test
    void a_full_network_lane_refuses_and_counts_while_the_local_lane_still_takes_edges() {
        NetworkInbox.Admission last = NetworkInbox.Admission.ACCEPTED;
        for (int i = 0; i < 1_000_000 && last != NetworkInbox.Admission.FULL; i++) {
            rig.nowMs.addAndGet(50); // the loop is not turning: the buckets refill, the lane fills
            // LOCKDOWN, not SECURE: a SECURE from okafor after the panic is a step-down (classrooms return to normal)
            last = rig.loop.offerNetwork("cmd:okafor", LaneRig.request("x" + i, Mode.LOCKDOWN, "okafor"));
        }
        assertEquals(NetworkInbox.Admission.FULL, last);
        assertEquals(LaneLimits.NETWORK_CAPACITY, rig.loop.network().size());
        assertEquals(1, rig.loop.network().counts().full());

        rig.press();
        assertEquals(0, rig.loop.inbox().refused());
        rig.loop.processPending();
        assertTrue(rig.allLocked());
    }

    @Test
    void refusals_are_raised_once_per_interval_as_a_fault_not_per_input() {
        flood(5_000, "cmd:ghost");
        rig.loop.runDue();
        flood(5_000, "cmd:ghost");
        rig.loop.runDue();
        long faults = rig.journal.readAll().stream().map(EventJournal.Entry::event)
                .filter(e -> e instanceof Event.DeviceFaulted f && f.deviceId().equals(LaneReport.NETWORK_DEVICE))
                .count();
        assertEquals(1, faults, "one summary in the interval, whatever the number refused");
        assertTrue(rig.loop.state().faultedDevices().containsKey(LaneReport.NETWORK_DEVICE));

        rig.nowMs.addAndGet(LaneLimits.SUMMARY_INTERVAL_MS);
        rig.loop.runDue();
        rig.nowMs.addAndGet(LaneLimits.SUMMARY_INTERVAL_MS);
        rig.loop.runDue();
        assertTrue(!rig.loop.state().faultedDevices().containsKey(LaneReport.NETWORK_DEVICE),
                "recovered after a quiet interval");
    }
}
