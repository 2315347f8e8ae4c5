package org.lockstep.controller.shell;

/**
 * Every bound of the loop's two lanes, in one place, with what happens when it is reached. The local lane carries
 * this box's own hardware (GPIO edges, serial bytes and disconnects, the in-process site bus of the simulator); the
 * network lane carries what MQTT brings (commands, peers' zone modes, site-bus shares). Nothing offered to the network
 * lane can fill or delay the local lane: they are separate queues, and the loop drains the local one first and again
 * between any two network inputs.
 */
public final class LaneLimits {
    private LaneLimits() {}

    /**
     * Local lane capacity. At the bound the input is refused and counted, and the count is raised as a fault on device
     * {@code inbox} (a dropped edge must be seen). Far more than tens of doors produce between two loop turns, even
     * with bouncing contacts; the network can never use any of it.
     */
    public static final int LOCAL_CAPACITY = 8_192;

    /**
     * Network lane capacity. At the bound an offer is answered {@link NetworkInbox.Admission#FULL} and counted; the
     * uplink answers the command "busy" so the sender can retry with the same id. Sized for a burst of retained zone
     * modes after a reconnect, not for a flood: the rate limits below keep it near empty.
     */
    public static final int NETWORK_CAPACITY = 1_024;

    /**
     * Network inputs handled per loop turn at most; the local lane is drained before each of them, so a panic edge
     * waits for at most one network input's handling, never for a queue of them. The rest wait for the next turn
     * (timers run in between).
     */
    public static final int NETWORK_PER_TURN = 16;

    /**
     * Per-source token bucket for a source the site file names ({@code cmd:<operator>}, {@code peer:<controller>},
     * {@code bus:<controller>}): a burst of this many, refilled at {@link #SOURCE_PER_SECOND}. Above it the offer is
     * answered {@link NetworkInbox.Admission#RATE_LIMITED} and counted. A person sends a handful of commands a minute;
     * a peer replays at most one retained mode per zone after a reconnect.
     */
    public static final int SOURCE_BURST = 64;

    public static final int SOURCE_PER_SECOND = 20;

    /**
     * Every source key the site file does not name shares one bucket of this burst and rate (refused inputs are
     * answered {@link NetworkInbox.Admission#RATE_LIMITED} and counted as "unknown source"). No memory is kept per
     * unknown key, so a flood of made-up keys costs nothing and cannot crowd out a known operator's own bucket.
     */
    public static final int UNKNOWN_SOURCES_BURST = 64;

    public static final int UNKNOWN_SOURCES_PER_SECOND = 50;

    /**
     * Buckets kept at most (known sources only; a site names far fewer). Past it a known key shares the unknown
     * sources' bucket: memory stays bounded whatever the site file says.
     */
    public static final int MAX_TRACKED_SOURCES = 4_096;

    /** At most one summary line (and one fault update) per this interval for refused, dropped or failed inputs. */
    public static final long SUMMARY_INTERVAL_MS = 10_000;
}
