package org.lockstep.controller.mqtt;

import org.lockstep.controller.config.MqttSettings;

/**
 * Every bound of the MQTT adapter, in one place, with what happens at the bound. Queue sizes that a site may need to
 * change are defaults of {@link MqttSettings}; the rest are constants here.
 */
public final class MqttLimits {
    private MqttLimits() {}

    /** A command larger than this is rejected unread (a command is ~200 bytes; a signature will fit easily). */
    public static final int MAX_COMMAND_BYTES = 4 * 1024;
    /** Same for site-bus shares and sim control messages. */
    public static final int MAX_INBOUND_BYTES = 4 * 1024;
    /** Command ids: safe in a topic level, long enough for a UUID or a console's own scheme. */
    public static final int MAX_COMMAND_ID_CHARS = 64;
    /** A command's free-text reason; longer is rejected, not truncated (the journal keeps what was asked). */
    public static final int MAX_REASON_CHARS = 256;
    /** A free-text field this controller publishes (a door's or an alert's {@code detail}, a command result's
     *  {@code reason}): longer is cut with "…" (the log line keeps it whole). Consoles bound what they read, ours at
     *  256 characters: a longer alert would be refused there, and a PEER_FORGED alert was. */
    public static final int MAX_PUBLISHED_TEXT_CHARS = 256;

    /** Retained topics held for republishing (doors, zones, discovery). A site has hundreds; past this a new topic is
     *  refused and counted (a bug or a misconfigured site, never normal). */
    public static final int MAX_RETAINED_TOPICS = 20_000;
    /** A panic/detector share that could not be sent for this long is dropped (counted): delivered late, it could
     *  re-lock a site that was given the ALL CLEAR in between. */
    public static final long SHARE_MAX_AGE_MS = 60_000;

    /** Paho's max in-flight (default 10: "Too many publishes in progress"). A 300-door republish is pipelined. */
    public static final int MAX_IN_FLIGHT = 1_000;
    /** Paho's reconnect backoff doubles from 1 s; capped here (default 128 s) so a restarted broker is used soon. */
    public static final int MAX_RECONNECT_DELAY_MS = 4_000;
    /** Off the broker this long (past Paho's longest delay plus a connect timeout): Paho's reconnect cycle may have
     *  died, and PahoMqttTransport restarts it. Checked every RECONNECT_WATCH_MS. */
    public static final long RECONNECT_STALL_MS = 10_000;
    public static final long RECONNECT_WATCH_MS = 1_000;
    /** Our own retry of the first connect (Paho reconnects only after a first success): the delay, doubled to cap. */
    public static final long FIRST_CONNECT_RETRY_MS = 500;
    public static final long FIRST_CONNECT_RETRY_MAX_MS = 4_000;
    public static final int CONNECT_TIMEOUT_S = 5;
    public static final int KEEP_ALIVE_S = 10;
    /** How long our worker waits for a subscribe to be acknowledged before it treats the connection as bad. */
    public static final long SUBSCRIBE_TIMEOUT_MS = 5_000;
    /** The worker's idle wake-up, so a missed signal costs at most this. */
    public static final long WORKER_IDLE_WAKE_MS = 200;
    /** Rejected messages are counted, never logged one line each: a summary of the counts is logged at most this
     *  often (a flood of bad commands costs no disk). */
    public static final long REJECTION_SUMMARY_MS = 5_000;
    /** The retained health topic is republished at most this often while its counts change (and on every connect). */
    public static final long HEALTH_REPUBLISH_MS = 10_000;
    /** A peer's zone-mode reason may be longer than a command's: each controller that adopts it appends where it was
     *  seen. Longer is refused. */
    public static final int MAX_PEER_REASON_CHARS = 1_024;
    /** Sim control messages waiting for the simulator; full: refused and logged. */
    public static final int SIM_QUEUE = 256;
}
