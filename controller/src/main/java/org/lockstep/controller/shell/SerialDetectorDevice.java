package org.lockstep.controller.shell;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.lockstep.controller.config.DetectorWiring;
import org.lockstep.controller.core.DetectorSpec;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.SerialLink;
import org.lockstep.hal.detector.DetectorDecoders;
import org.lockstep.hal.detector.WeaponDetectorDriver;
import org.lockstep.hal.device.DeviceSignal;
import org.tinylog.Logger;

/**
 * A weapon detector on a serial link, as the loop sees it: the link's bytes go through the inbox to the pure
 * {@link WeaponDetectorDriver}; a link that is lost (or never opened) is reopened with bounded exponential backoff,
 * driven by the loop's time, never by a thread of its own. A detector that stays silent is reported offline by the
 * driver's heartbeat timeout, which also covers UARTs that never report a disconnect.
 */
public final class SerialDetectorDevice implements WiredDevices.SerialDevice {
    static final long REOPEN_FIRST_MS = 1_000;
    static final long REOPEN_MAX_MS = 30_000;

    private final DetectorSpec spec;
    private final SerialLink link;
    private final DetectorWiring.Serial wiring;
    private WeaponDetectorDriver driver;
    private long reopenAtMs = -1;
    private long backoffMs = REOPEN_FIRST_MS;

    public SerialDetectorDevice(DetectorSpec spec, SerialLink link, DetectorWiring.Serial wiring) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.link = Objects.requireNonNull(link, "link");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
    }

    @Override
    public String linkId() {
        return link.id();
    }

    @Override
    public void attach(Consumer<DeviceSignal> sink, Inbox inbox) {
        driver = new WeaponDetectorDriver(spec.id(), spec.location(),
                DetectorDecoders.forProtocol(wiring.settings().protocol()), spec.heartbeatTimeoutMs(), sink);
        link.setListener(new SerialLink.Listener() {
            @Override
            public void onBytes(String linkId, byte[] bytes, long atMs) {
                inbox.offer(new LoopInput.SerialBytes(linkId, bytes, atMs));
            }

            @Override
            public void onDisconnected(String linkId, String detail, long atMs) {
                inbox.offer(new LoopInput.SerialDisconnected(linkId, detail, atMs));
            }
        });
    }

    @Override
    public void start(long nowMs) {
        driver.start(nowMs);
        open(nowMs);
    }

    private void open(long nowMs) {
        try {
            link.open();
            reopenAtMs = -1;
            backoffMs = REOPEN_FIRST_MS;
        } catch (HardwareException e) {
            Logger.warn("{}: cannot open {}: {}; retrying in {} ms", spec.id(), link.id(), e.getMessage(), backoffMs);
            driver.onLinkLost("cannot open " + wiring.settings().port() + ": " + e.getMessage(), nowMs);
            reopenAtMs = nowMs + backoffMs;
            backoffMs = Math.min(REOPEN_MAX_MS, backoffMs * 2);
        }
    }

    @Override
    public void onBytes(byte[] bytes, long atMs) {
        driver.onBytes(bytes, atMs);
    }

    @Override
    public void onDisconnected(String detail, long atMs) {
        driver.onLinkLost(detail, atMs);
        if (link.reconnectsItself()) {
            return;
        }
        link.close();
        if (reopenAtMs < 0) {
            reopenAtMs = atMs + backoffMs;
            backoffMs = Math.min(REOPEN_MAX_MS, backoffMs * 2);
        }
    }

    @Override
    public void poll(long nowMs) {
        driver.poll(nowMs);
        if (reopenAtMs >= 0 && nowMs >= reopenAtMs) {
            open(nowMs);
        }
    }

    @Override
    public OptionalLong nextDeadlineMs() {
        OptionalLong d = driver.nextDeadlineMs();
        if (reopenAtMs < 0) {
            return d;
        }
        return OptionalLong.of(d.isPresent() ? Math.min(d.getAsLong(), reopenAtMs) : reopenAtMs);
    }

    @Override
    public void close() {
        link.close();
    }
}
