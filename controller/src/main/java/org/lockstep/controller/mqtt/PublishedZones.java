package org.lockstep.controller.mqtt;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.ZoneMode;

/**
 * The zone modes this controller has published (each one a state its core was in), and the question {@link PeerInput}
 * asks before it spends a signature verification on a peer's zone mode: could it change anything here?
 *
 * <p>Why it exists: a site-wide command makes every controller publish every zone's new mode, and every controller
 * reads every peer's (it subscribes to {@code zone/+/mode} to catch up on what it missed), so at 50 controllers × 3
 * zones one command brings each controller 147 signed peer messages that say what it already did itself
 * (docs/PERFORMANCE.md, building-wide). Verifying them took 22 % of the CPU samples of the whole lockdown there.
 *
 * <p><b>The drop rule.</b> A peer's zone mode {@code p} is dropped unverified when this controller's last published
 * mode {@code s} of that zone has {@code p.version <= s.version} and the same mode, drill flag and trigger.
 * <b>Why no lockdown can be lost:</b>
 * <ol>
 *   <li>The core ignores every peer zone mode whose version is not above its own zone's version
 *       ({@code LockdownMachine.Step.peer}: "not news"; it emits no fact, the journal skips the step, and what is
 *       left of the step — the door timers re-derived at that time — the loop's own {@code TimeAdvanced} does
 *       anyway).</li>
 *   <li>Within one run a zone's version in the core never goes down: a request sets {@code nextVersion()}, a peer's
 *       mode is adopted only with a higher version, and the state is restored from the journal only at start, before
 *       this uplink publishes anything. (A restart builds a new uplink, whose map starts empty: nothing is dropped
 *       until the restored state is published.)</li>
 *   <li>{@code s} is a state the core was in before the peer's message could reach it: the loop publishes a zone mode
 *       after its step set it (later still when the publish was held for the journal's fsync), and the message would
 *       be handled on the loop after that.</li>
 * </ol>
 * So whenever the core would have handled {@code p}, its version was {@code >= s.version >= p.version}, and it would
 * have ignored {@code p}: dropping it is the same. This holds however stale {@code s} is. An ALL CLEAR applied but not
 * yet published leaves {@code s} at the old LOCKDOWN: a peer's newer LOCKDOWN has a higher version and is verified and
 * handed to the core as before; the old LOCKDOWN it drops would have been ignored by the core at its newer version.
 *
 * <p>The version alone would be enough for safety. Mode, drill flag and trigger must also match so that what is
 * dropped unverified says exactly what this controller itself published: a forgery that claims anything else (another
 * mode or cause at a version the core would ignore) is still verified, refused and raised as {@code PEER_FORGED}. A
 * forgery that repeats this controller's own state is dropped unverified and not raised: it could change nothing.
 * Dropped messages are counted ({@code peerZonesSameAsCurrent} in the uplink health), never logged one by one.
 *
 * <p>Thread-safe: the loop thread writes (and, in the simulator, the thread that republishes a restarted controller's
 * state: also a state the core was in); the transport's callback thread and the uplink's worker read.
 */
final class PublishedZones {
    private final Map<String, ZoneMode> modes = new ConcurrentHashMap<>();

    /** The zone's mode as this controller publishes it now. */
    void published(String zoneId, ZoneMode mode) {
        modes.put(zoneId, mode);
    }

    /** Whether {@code p} is not news for any state this controller is in now or later (the rule above). */
    boolean alreadyHeld(Event.PeerModeSeen p) {
        ZoneMode s = modes.get(p.zoneId());
        return s != null && p.version() <= s.version() && p.mode() == s.mode() && p.drill() == s.drill()
                && p.trigger().equals(s.trigger());
    }

    int size() {
        return modes.size();
    }

    /** Each zone's mode and drill flag, for the info record. */
    Map<String, ControllerInfo.ZoneState> states() {
        Map<String, ControllerInfo.ZoneState> m = new HashMap<>();
        modes.forEach((z, mode) -> m.put(z, new ControllerInfo.ZoneState(mode.mode(), mode.drill())));
        return Map.copyOf(m);
    }
}
