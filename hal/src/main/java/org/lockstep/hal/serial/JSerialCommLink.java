package org.lockstep.hal.serial;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortDataListener;
import com.fazecast.jSerialComm.SerialPortEvent;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.MonotonicClock;
import org.lockstep.hal.SerialLink;
import org.lockstep.hal.SerialSettings;
import org.tinylog.Logger;

/**
 * A serial port through jSerialComm, opened by device path (symlinks such as {@code /dev/serial/by-id/...} and
 * Linux ptys work). Event-driven: received bytes are handed to the listener raw, on jSerialComm's event thread;
 * framing is the decoder's job.
 *
 * <p>Disconnects: jSerialComm reports {@code LISTENING_EVENT_PORT_DISCONNECTED} over and over (measured: over a
 * million times in 3 s) until the port is closed. The first one closes the port, on a separate thread so the event
 * thread is not asked to stop itself, and only then reports {@link Listener#onDisconnected} once, so the owner may
 * reopen the same path at once. An on-board UART never reports a disconnect: see {@link ReconnectingSerialLink}.
 */
public final class JSerialCommLink implements SerialLink {
    private static final int EVENTS = SerialPort.LISTENING_EVENT_DATA_RECEIVED
            | SerialPort.LISTENING_EVENT_PORT_DISCONNECTED;
    private static final Listener NO_LISTENER = new Listener() {
        @Override
        public void onBytes(String linkId, byte[] bytes, long atMs) {}

        @Override
        public void onDisconnected(String linkId, String detail, long atMs) {}
    };

    private final String id;
    private final SerialSettings settings;
    private final MonotonicClock clock;
    private volatile Listener listener = NO_LISTENER;
    private Session session;

    public JSerialCommLink(String id, SerialSettings settings, MonotonicClock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String id() {
        return id;
    }

    public SerialSettings settings() {
        return settings;
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener == null ? NO_LISTENER : listener;
    }

    /**
     * Opens the port and starts event-driven reading. Settings are applied once, before the open, because each
     * jSerialComm setter on an open port reconfigures it and sleeps. Does nothing if already open.
     *
     * @throws HardwareException (retryable) if the path does not exist, is busy, or may not be opened
     */
    @Override
    public synchronized void open() {
        if (session != null && session.live()) {
            return;
        }
        closeSession();
        SerialPort port;
        try {
            port = SerialPort.getCommPort(settings.port());
        } catch (SerialPortInvalidPortException e) {
            throw new HardwareException(id, "no serial port at " + settings.port(), true, e);
        }
        port.setComPortParameters(settings.baud(), settings.dataBits(), stopBits(settings.stopBits()),
                parity(settings.parity()));
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!port.openPort()) {
            throw new HardwareException(id, "cannot open " + settings.port() + " (error " + port.getLastErrorCode()
                    + " at " + port.getLastErrorLocation() + "): absent, busy, or no permission (is the user in "
                    + "group dialout?)", true, null);
        }
        Session opened = new Session(port);
        if (!port.addDataListener(opened)) {
            port.closePort();
            throw new HardwareException(id, "cannot listen on " + settings.port(), true, null);
        }
        session = opened;
        Logger.info("{}: opened {} at {} baud, {}{}{}", id, settings.port(), settings.baud(), settings.dataBits(),
                settings.parity().name().charAt(0), settings.stopBits());
    }

    @Override
    public synchronized boolean isOpen() {
        return session != null && session.live();
    }

    /** @throws HardwareException (retryable) if the link is not open or the write failed */
    @Override
    public void write(byte[] bytes) {
        Session current;
        synchronized (this) {
            current = session;
        }
        if (current == null || !current.live()) {
            throw new HardwareException(id, "write of " + bytes.length + " bytes while not open", true, null);
        }
        int written = current.port.writeBytes(bytes, bytes.length);
        if (written != bytes.length) {
            throw new HardwareException(id, "wrote " + written + " of " + bytes.length + " bytes to "
                    + settings.port(), true, null);
        }
    }

    /** Closes the port (always, even after a disconnect already closed it). Idempotent. */
    @Override
    public synchronized void close() {
        closeSession();
    }

    private void closeSession() {
        if (session != null) {
            session.shutDown();
            session = null;
        }
    }

    /** One open port and its listener: events from an older session are ignored by construction. */
    private final class Session implements SerialPortDataListener {
        private final SerialPort port;
        private final AtomicBoolean ended = new AtomicBoolean();

        Session(SerialPort port) {
            this.port = port;
        }

        boolean live() {
            return !ended.get();
        }

        /** Owner-initiated close: no disconnect report. */
        void shutDown() {
            ended.set(true);
            port.removeDataListener();
            port.closePort();
        }

        @Override
        public int getListeningEvents() {
            return EVENTS;
        }

        @Override
        public void serialEvent(SerialPortEvent event) {
            if (ended.get()) {
                return;
            }
            switch (event.getEventType()) {
                case SerialPort.LISTENING_EVENT_DATA_RECEIVED -> {
                    byte[] data = event.getReceivedData();
                    if (data != null && data.length > 0) {
                        listener.onBytes(id, data, clock.nowMs());
                    }
                }
                case SerialPort.LISTENING_EVENT_PORT_DISCONNECTED -> {
                    if (ended.compareAndSet(false, true)) {
                        long atMs = clock.nowMs();
                        Thread.ofPlatform().daemon().name("serial-close-" + id).start(() -> {
                            port.removeDataListener();
                            port.closePort();
                            Logger.warn("{}: {} disconnected; port closed", id, settings.port());
                            listener.onDisconnected(id, "port disconnected", atMs);
                        });
                    }
                }
                default -> {}
            }
        }
    }

    private static int stopBits(int stopBits) {
        return stopBits == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
    }

    private static int parity(SerialSettings.Parity parity) {
        return switch (parity) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
        };
    }
}
