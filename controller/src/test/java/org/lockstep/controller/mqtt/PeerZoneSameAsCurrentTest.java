package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Fact;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.ZoneMode;
import org.lockstep.controller.journal.EventJournal;
import org.lockstep.controller.journal.MemoryJournal;
import org.lockstep.controller.trust.Refusal;

/**
 * Issue 11 #3 over a real broker, with real controllers as production wires them ({@link MqttFixture}): a peer's zone
 * mode that repeats what this controller already published is dropped before its signature is checked
 * ({@link PublishedZones}); anything else is verified as before, and a newer lockdown is never lost, even when the
 * uplink's view of the zone is stale (an ALL CLEAR applied, its publish still held for the journal).
 */
@ExtendWith(BrokerExtension.class)
class PeerZoneSameAsCurrentTest {
    static final Duration WAIT = Duration.ofSeconds(15);

    /** A zone mode as c1 writes it (Payloads.zone), for zone z0 of {@link MqttFixture#site}. */
    static ObjectNode c1Zone(String mode, boolean drill, String operator, long version) {
        ObjectNode n = CommandDecoder.STRICT.createObjectNode().put("zone", "z0").put("mode", mode).put("drill", drill)
                .put("since", "2026-12-06T03:00:00Z").put("sinceMs", 5);
        n.putObject("trigger").put("kind", "operator").put("id", operator);
        return n.put("reason", "test").put("version", version).put("controller", "c1");
    }

    /** Signed by c1's own key, as c1 publishes it. */
    static byte[] signed(Topics t, ObjectNode zone) {
        return Payloads.bytes(MqttFixture.signer("c1").sign(t.zoneMode("z0"), zone));
    }

    /** Signed by c1's key, then changed: if it is verified, it is refused as BAD_SIGNATURE (a forgery). */
    static byte[] tampered(Topics t, ObjectNode zone) {
        ObjectNode n = MqttFixture.signer("c1").sign(t.zoneMode("z0"), zone);
        return Payloads.bytes(n.put("reason", "changed after signing"));
    }

    static long sameAsCurrent(MqttFixture.Running c) {
        return c.uplink.health().path("peerZonesSameAsCurrent").asLong(-1);
    }

    static long badSignatures(MqttFixture.Running c) {
        return c.uplink.health().path("rejected").path("peerZone").path(Refusal.BAD_SIGNATURE.name()).asLong(0);
    }

    /** c0 started, subscribed, and put in {@code mode} (z0 at version 1) by rivera's site command {@code id}. */
    static MqttFixture.Running startedIn(MqttFixture f, TestClient console, String id, Mode mode) throws Exception {
        Topics t = f.topics();
        MqttFixture.Running c0 = f.start("c0");
        TestClient.await(() -> c0.uplink.ready(), WAIT, "c0 subscribed");
        console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), id, mode.name(), "rivera"));
        TestClient.await(() -> c0.zones.get("z0") != null && c0.zones.get("z0").mode() == mode
                && c0.zones.get("z0").version() == 1, WAIT, "c0 in " + mode + " (version 1), published");
        return c0;
    }

    static boolean allLocked(MqttFixture.Running c, boolean locked) {
        return c.relays.size() == 3 && c.relays.values().stream().allMatch(x -> x == locked);
    }

    @Test
    @DisplayName("a peer's zone mode equal to this controller's own, with a bad signature, is dropped unverified and "
            + "counted; nothing changes")
    void anEqualModeIsDroppedBeforeItsSignatureIsChecked(TestBroker broker) throws Exception {
        try (MqttFixture f = new MqttFixture(MqttFixture.site(2, 3, 1), broker.url());
                TestClient console = new TestClient(broker.url(), "console")) {
            Topics t = f.topics();
            MqttFixture.Running c0 = startedIn(f, console, "ld-1", Mode.LOCKDOWN);
            TestClient.await(() -> allLocked(c0, true), WAIT, "c0's relays locked");
            ZoneMode before = c0.zones.get("z0");
            assertEquals(0, sameAsCurrent(c0), c0.uplink.health().toString());

            // What c0 itself published (LOCKDOWN, real, by rivera, version 1), claiming c1, with a bad signature.
            console.publish(t.zoneMode("z0"), tampered(t, c1Zone("LOCKDOWN", false, "rivera", 1)), false);
            TestClient.await(() -> sameAsCurrent(c0) == 1, WAIT, "c0 drops it as the same as its own: "
                    + c0.uplink.health());
            assertEquals(0, badSignatures(c0), "dropped before the signature was checked: " + c0.uplink.health());
            assertEquals(0, c0.uplink.health().path("forgedPeerMessages").asLong(), c0.uplink.health().toString());
            assertEquals(0, c0.uplink.health().path("peerZonesRejected").asLong(), "not a rejection");
            assertEquals(before, c0.zones.get("z0"));
            assertTrue(allLocked(c0, true), c0.relays.toString());
        }
    }

    @Test
    @DisplayName("a peer's zone mode that differs from this controller's in mode, drill, trigger or version is still "
            + "verified: a bad signature is refused as before and changes nothing")
    void anythingElseIsStillVerified(TestBroker broker) throws Exception {
        try (MqttFixture f = new MqttFixture(MqttFixture.site(2, 3, 1), broker.url());
                TestClient console = new TestClient(broker.url(), "console")) {
            Topics t = f.topics();
            MqttFixture.Running c0 = startedIn(f, console, "sec-1", Mode.SECURE);
            ZoneMode before = c0.zones.get("z0");

            // c0 holds SECURE, real, by rivera, version 1. Each of these differs in one thing only.
            List<ObjectNode> forgeries = List.of(
                    c1Zone("LOCKDOWN", false, "rivera", 1), // mode (an escalation, at a version the core ignores)
                    c1Zone("SECURE", true, "rivera", 1), // drill flag
                    c1Zone("SECURE", false, "office", 1), // trigger
                    c1Zone("SECURE", false, "rivera", 2)); // version
            for (int i = 0; i < forgeries.size(); i++) {
                ObjectNode forged = forgeries.get(i);
                long want = i + 1;
                console.publish(t.zoneMode("z0"), tampered(t, forged), false);
                TestClient.await(() -> badSignatures(c0) == want, WAIT, "verified and refused: " + forged + "; "
                        + c0.uplink.health());
            }
            assertEquals(0, sameAsCurrent(c0), "none dropped unverified: " + c0.uplink.health());
            assertTrue(c0.uplink.health().path("forgedPeerMessages").asLong() >= forgeries.size(),
                    c0.uplink.health().toString());
            assertEquals(before, c0.zones.get("z0"), "nothing changed");
        }
    }

    @Test
    @DisplayName("after an ALL CLEAR whose publish is still held (the uplink's view says LOCKDOWN), a peer's newer "
            + "LOCKDOWN by the same operator is verified and locks the doors again")
    void aNewerLockdownIsNotLostToAStaleView(TestBroker broker) throws Exception {
        try (MqttFixture f = new MqttFixture(MqttFixture.site(2, 3, 1), broker.url());
                TestClient console = new TestClient(broker.url(), "console")) {
            Topics t = f.topics();
            GatedJournal[] journal = new GatedJournal[1];
            MqttFixture.Running c0 = f.start("c0", disk -> journal[0] = new GatedJournal(disk));
            TestClient.await(() -> c0.uplink.ready(), WAIT, "c0 subscribed");
            try {
                console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), "ld-1", "LOCKDOWN", "rivera"));
                TestClient.await(() -> c0.zones.get("z0") != null && c0.zones.get("z0").version() == 1
                        && allLocked(c0, true), WAIT, "c0 in LOCKDOWN (version 1), published");

                // The ALL CLEAR's journal record does not settle: its relays move, its publishes are held.
                journal[0].hold();
                console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), "ac-1", "ALL_CLEAR", "rivera"));
                TestClient.await(() -> allLocked(c0, false), WAIT, "the ALL CLEAR unlocked c0's doors");
                ZoneMode view = c0.zones.get("z0");
                assertEquals(Mode.LOCKDOWN, view.mode(), "the uplink's view is stale: the NORMAL is held");
                assertEquals(1, view.version());

                // c1 saw a second LOCKDOWN by rivera that c0 missed: the same mode, drill and trigger as c0's stale
                // view, version 3 (after the ALL CLEAR's 2). Genuinely signed: it must be verified and adopted.
                console.publish(t.zoneMode("z0"), signed(t, c1Zone("LOCKDOWN", false, "rivera", 3)), false);
                TestClient.await(() -> allLocked(c0, true), WAIT, "the newer LOCKDOWN locks c0's doors again: "
                        + c0.uplink.health());
                assertEquals(0, sameAsCurrent(c0), c0.uplink.health().toString());
            } finally {
                journal[0].release();
            }
            TestClient.await(() -> c0.zones.get("z0").version() == 3 && c0.zones.get("z0").mode() == Mode.LOCKDOWN,
                    WAIT, "c0 publishes LOCKDOWN version 3 once the journal settles");
        }
    }

    /**
     * A journal whose records settle (are on disk) only while the test lets them: what a slow fsync looks like to
     * the loop, which holds a mode change's publishes until its record settles. No watchdog deadline
     * ({@code oldestUnsettledAtMs} empty): the hold lasts as long as the test needs it.
     */
    static final class GatedJournal implements EventJournal {
        private final MemoryJournal disk;
        private final AtomicLong taken = new AtomicLong();
        private volatile long heldAt = -1;
        private volatile Runnable wake = () -> {};

        GatedJournal(MemoryJournal disk) {
            this.disk = disk;
        }

        void hold() {
            heldAt = taken.get();
        }

        void release() {
            heldAt = -1;
            wake.run();
        }

        @Override
        public void append(long atMs, Event input, List<Fact> facts) {
            disk.append(atMs, input, facts);
            taken.incrementAndGet();
        }

        @Override
        public List<Entry> readAll() {
            return disk.readAll();
        }

        @Override
        public long taken() {
            return taken.get();
        }

        @Override
        public long settled() {
            long h = heldAt;
            return h < 0 ? taken.get() : h;
        }

        @Override
        public void onSettled(Runnable wake) {
            this.wake = wake;
        }
    }
}
