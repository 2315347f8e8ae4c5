package org.lockstep.simulator;

import org.lockstep.controller.core.DetectorSpec;
import org.lockstep.hal.detector.LineFrameEncoder;
import org.lockstep.sim.SimSerialLink;
import org.lockstep.sim.VirtualClock;

/**
 * A healthy weapon detector on a simulated serial link speaking {@code lockstep-line-v1}: a heartbeat every third of
 * the configured timeout, and a detection frame on demand. Frames sent while the controller is down are lost, as on
 * a real wire.
 */
final class SimSerialDetector {
    private final DetectorSpec spec;
    private final SimSerialLink link;
    private final VirtualClock clock;
    private final LineFrameEncoder encoder = new LineFrameEncoder("lane-1");
    private boolean silent;

    SimSerialDetector(DetectorSpec spec, SimSerialLink link, VirtualClock clock) {
        this.spec = spec;
        this.link = link;
        this.clock = clock;
    }

    void start() {
        clock.after(intervalMs(), this::beat);
    }

    private long intervalMs() {
        return Math.max(50, spec.heartbeatTimeoutMs() / 3);
    }

    private void beat() {
        if (!silent) {
            link.inject(encoder.heartbeat());
        }
        clock.after(intervalMs(), this::beat);
    }

    void detect(int confidencePct) {
        // The frame says where within the detector (its lane); the driver prefixes where the detector stands.
        link.inject(encoder.detection(confidencePct, "lane 1"));
    }

    /** A detector that stops talking (unplugged, crashed): the controller must report it offline. */
    void silent(boolean silent) {
        this.silent = silent;
    }
}
