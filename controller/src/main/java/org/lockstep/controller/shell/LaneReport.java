package org.lockstep.controller.shell;

import java.util.ArrayList;
import java.util.List;

import org.lockstep.controller.core.Event;
import org.tinylog.Logger;

/**
 * Turns the lanes' refusal counters into faults the office sees, without a line or an event per refusal. The local
 * lane's refusals (a dropped edge) are raised as soon as the loop runs; the network lane's at most once per
 * {@link LaneLimits#SUMMARY_INTERVAL_MS}, with a recovery after a quiet interval. Loop thread only.
 */
final class LaneReport {
    /** The device ids the lanes' faults are raised under. */
    static final String LOCAL_DEVICE = "inbox";
    static final String NETWORK_DEVICE = "network-lane";

    private final String controllerId;
    private final Inbox local;
    private final NetworkLane network;
    private long localReported;
    private NetworkLane.Counts networkReported = new NetworkLane.Counts(0, 0, 0, 0);
    private long nextNetworkMs = Long.MIN_VALUE;
    private boolean networkFaulted;

    LaneReport(String controllerId, Inbox local, NetworkLane network) {
        this.controllerId = controllerId;
        this.local = local;
        this.network = network;
    }

    List<Event> due(long nowMs) {
        List<Event> out = new ArrayList<>(2);
        long refused = local.refused();
        if (refused != localReported) {
            localReported = refused;
            out.add(new Event.DeviceFaulted(LOCAL_DEVICE, "event loop local lane full: " + refused
                    + " inputs refused"));
        }
        if (nowMs < nextNetworkMs) {
            return out;
        }
        NetworkLane.Counts now = network.counts();
        long newly = now.refused() - networkReported.refused();
        if (newly > 0) {
            String detail = newly + " network inputs refused in the last " + LaneLimits.SUMMARY_INTERVAL_MS / 1000
                    + " s (rate-limited " + (now.rateLimited() - networkReported.rateLimited())
                    + ", unknown sources " + (now.unknownSourceLimited() - networkReported.unknownSourceLimited())
                    + ", lane full " + (now.full() - networkReported.full()) + "); " + now.refused() + " since start";
            Logger.warn("{}: {}", controllerId, detail);
            out.add(new Event.DeviceFaulted(NETWORK_DEVICE, detail));
            networkFaulted = true;
            networkReported = now;
            nextNetworkMs = nowMs + LaneLimits.SUMMARY_INTERVAL_MS;
        } else if (networkFaulted) {
            Logger.info("{}: network lane quiet again ({} refused since start)", controllerId, now.refused());
            out.add(new Event.DeviceRecovered(NETWORK_DEVICE));
            networkFaulted = false;
            nextNetworkMs = nowMs + LaneLimits.SUMMARY_INTERVAL_MS;
        }
        return out;
    }
}
