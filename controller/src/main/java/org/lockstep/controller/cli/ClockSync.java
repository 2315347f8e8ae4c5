package org.lockstep.controller.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.lockstep.controller.trust.ClockState;

/**
 * Whether this computer's wall clock is synchronised, as systemd-timesyncd says: it creates
 * {@code /run/systemd/timesync/synchronized} once NTP has set the clock since boot. A Pi without a real-time clock
 * boots at the last saved time; until then only a LOCKDOWN is accepted (docs/SECURITY.md). Without timesyncd at all
 * (no {@code /run/systemd/timesync}: chrony, ntpd) this cannot tell and assumes synchronised; {@code run} says so.
 */
final class ClockSync {
    static final Path TIMESYNC_DIR = Path.of("/run/systemd/timesync");
    static final Path SYNCHRONISED_FLAG = TIMESYNC_DIR.resolve("synchronized");

    private ClockSync() {}

    static ClockState state() {
        if (Files.exists(SYNCHRONISED_FLAG) || !Files.isDirectory(TIMESYNC_DIR)) {
            return ClockState.SYNCHRONISED;
        }
        return ClockState.UNKNOWN;
    }

    static boolean canTell() {
        return Files.isDirectory(TIMESYNC_DIR);
    }
}
