package org.lockstep.hal.detector;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.lockstep.hal.device.DeviceSignal;
import org.tinylog.Logger;

/**
 * A weapon detector on a serial line: pure logic over bytes and time, owned by one thread (the controller's event
 * loop, or the simulator). Frames become {@link DeviceSignal.WeaponDetected}; a detector that sends no valid frame
 * for {@code heartbeatTimeoutMs} raises {@link DeviceSignal.DeviceFaulted} once, and the next valid frame raises
 * {@link DeviceSignal.DeviceRecovered}. Rejected bytes are counted by the decoder and logged here, rate-limited; they
 * never produce a detection and never reset the heartbeat (only a verified frame proves the detector is alive).
 *
 * <p>Feed it {@link #onBytes} from the link's listener (via the inbox), call {@link #poll} at
 * {@link #nextDeadlineMs()} or later, and {@link #onLinkLost} when the port went away.
 */
public final class WeaponDetectorDriver {
    public static final long MIN_HEARTBEAT_TIMEOUT_MS = 100;
    public static final long MAX_HEARTBEAT_TIMEOUT_MS = 3_600_000;
    /** At most one warning about rejected bytes per this interval, so a noisy line cannot flood the log. */
    public static final long REJECTION_LOG_INTERVAL_MS = 10_000;

    private final String detectorId;
    private final String location;
    private final DetectorDecoder decoder;
    private final long heartbeatTimeoutMs;
    private final Consumer<DeviceSignal> sink;

    private boolean started;
    private boolean online;
    private long lastFrameAtMs;
    private long lastRejectionLogAtMs = Long.MIN_VALUE;
    private long rejectionsSinceLog;

    /**
     * @param detectorId the device id used in every signal
     * @param location where the detector is installed (e.g. "Main entrance"); a frame's own location is appended
     * @param heartbeatTimeoutMs {@value #MIN_HEARTBEAT_TIMEOUT_MS}..{@value #MAX_HEARTBEAT_TIMEOUT_MS}; set it to a
     *     few heartbeat intervals so one lost frame is not an outage
     */
    public WeaponDetectorDriver(String detectorId, String location, DetectorDecoder decoder, long heartbeatTimeoutMs,
            Consumer<DeviceSignal> sink) {
        Objects.requireNonNull(detectorId, "detectorId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(sink, "sink");
        if (detectorId.isBlank()) {
            throw new IllegalArgumentException("detectorId must not be blank");
        }
        if (heartbeatTimeoutMs < MIN_HEARTBEAT_TIMEOUT_MS || heartbeatTimeoutMs > MAX_HEARTBEAT_TIMEOUT_MS) {
            throw new IllegalArgumentException("heartbeatTimeoutMs must be " + MIN_HEARTBEAT_TIMEOUT_MS + ".."
                    + MAX_HEARTBEAT_TIMEOUT_MS + ", was " + heartbeatTimeoutMs);
        }
        this.detectorId = detectorId;
        this.location = location;
        this.decoder = decoder;
        this.heartbeatTimeoutMs = heartbeatTimeoutMs;
        this.sink = sink;
    }

    public String deviceId() {
        return detectorId;
    }

    /**
     * Starts the heartbeat clock: the detector has {@code heartbeatTimeoutMs} from now to send its first frame. It
     * counts as online until then, so a controller start does not raise a fault for every detector.
     */
    public void start(long nowMs) {
        if (started) {
            throw new IllegalStateException(detectorId + ": start called twice");
        }
        started = true;
        online = true;
        lastFrameAtMs = nowMs;
    }

    public void onBytes(byte[] chunk, long atMs) {
        ensureStarted();
        handle(decoder.feed(chunk, atMs), atMs);
    }

    /**
     * The link reported a disconnect (USB unplugged, pty gone): fault now rather than at the heartbeat timeout, and
     * forget the partial frame and sequence history, since what comes after a reconnect is a new stream.
     */
    public void onLinkLost(String detail, long atMs) {
        ensureStarted();
        handle(decoder.reset(atMs), atMs);
        fault("detector link lost: " + detail, atMs);
    }

    public void poll(long nowMs) {
        ensureStarted();
        if (online && nowMs - lastFrameAtMs >= heartbeatTimeoutMs) {
            fault("detector offline: no heartbeat for " + (nowMs - lastFrameAtMs) + " ms", nowMs);
        }
    }

    /** When {@link #poll} must next run: the heartbeat deadline while online; nothing to wait for once faulted. */
    public OptionalLong nextDeadlineMs() {
        return started && online ? OptionalLong.of(lastFrameAtMs + heartbeatTimeoutMs) : OptionalLong.empty();
    }

    public boolean isOnline() {
        return online;
    }

    public DecoderCounters counters() {
        return decoder.counters();
    }

    private void handle(List<DetectorMessage> messages, long atMs) {
        for (DetectorMessage message : messages) {
            switch (message) {
                case DetectorMessage.Detection d -> {
                    alive(d.atMs());
                    String where = location.isEmpty() ? d.location() : location + " / " + d.location();
                    Logger.warn("{}: weapon detected by {} at {} ({}%)", detectorId, d.sensorId(), where,
                            d.confidencePct());
                    sink.accept(new DeviceSignal.WeaponDetected(detectorId, d.sensorId(), d.confidencePct(), where,
                            d.atMs()));
                }
                case DetectorMessage.Heartbeat h -> alive(h.atMs());
                case DetectorMessage.Rejected r -> rejectionsSinceLog++;
            }
        }
        if (rejectionsSinceLog > 0 && (lastRejectionLogAtMs == Long.MIN_VALUE
                || atMs - lastRejectionLogAtMs >= REJECTION_LOG_INTERVAL_MS)) {
            Logger.warn("{}: {} rejected frame(s) since last report; totals {}", detectorId, rejectionsSinceLog,
                    decoder.counters());
            rejectionsSinceLog = 0;
            lastRejectionLogAtMs = atMs;
        }
    }

    private void alive(long atMs) {
        lastFrameAtMs = Math.max(lastFrameAtMs, atMs);
        if (!online) {
            online = true;
            Logger.info("{}: detector back online", detectorId);
            sink.accept(new DeviceSignal.DeviceRecovered(detectorId, atMs));
        }
    }

    private void fault(String detail, long atMs) {
        if (!online) {
            return;
        }
        online = false;
        Logger.warn("{}: {}", detectorId, detail);
        sink.accept(new DeviceSignal.DeviceFaulted(detectorId, detail, atMs));
    }

    private void ensureStarted() {
        if (!started) {
            throw new IllegalStateException(detectorId + ": start(nowMs) must be called first");
        }
    }
}
