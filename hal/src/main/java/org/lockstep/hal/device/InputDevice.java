package org.lockstep.hal.device;

import java.util.OptionalLong;

/**
 * A device driver over one digital input: pure logic over edges and time. Its owner feeds it the level at start,
 * every edge, and calls {@link #poll(long)} at {@link #nextDeadlineMs()} (or any time after); the driver reports
 * what it concluded through the {@link DeviceSignal} sink it was built with. Never called from two threads.
 */
public interface InputDevice {
    String deviceId();

    /** The level when the controller starts; reports the initial state. */
    void start(boolean level, long nowMs);

    void onEdge(boolean level, long atMs);

    void poll(long nowMs);

    /** When the driver next needs {@link #poll(long)}, if it is waiting for time to pass. */
    OptionalLong nextDeadlineMs();
}
