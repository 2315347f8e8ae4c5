package org.lockstep.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.SerialLink;

/** The reopen policy on a scripted link and hand-advanced time: no threads, no sleeping. */
class ReconnectingSerialLinkTest {

    /** A link whose opens fail while {@code available} is false. */
    static final class ScriptedLink implements SerialLink {
        boolean available = true;
        boolean open;
        int opens;
        int closes;
        Listener listener;

        @Override
        public String id() {
            return "det-1.serial";
        }

        @Override
        public void open() {
            opens++;
            if (!available) {
                throw new HardwareException(id(), "no serial port at /dev/ttyUSB0", true, null);
            }
            open = true;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void write(byte[] bytes) {}

        @Override
        public void setListener(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void close() {
            closes++;
            open = false;
        }

        void unplug(long atMs) {
            open = false;
            listener.onDisconnected(id(), "port disconnected", atMs);
        }
    }

    private final ScriptedLink link = new ScriptedLink();
    private final List<String> seen = new ArrayList<>();
    private final ReconnectingSerialLink reconnecting = new ReconnectingSerialLink(link, new Backoff(100, 800), 0,
            new SerialLink.Listener() {
                @Override
                public void onBytes(String linkId, byte[] bytes, long atMs) {
                    seen.add("bytes@" + atMs);
                }

                @Override
                public void onDisconnected(String linkId, String detail, long atMs) {
                    seen.add(detail + "@" + atMs);
                }
            });

    @Test
    void backoffDoublesUpToItsBound() {
        Backoff b = new Backoff(100, 800);
        assertEquals(List.of(100L, 200L, 400L, 800L, 800L), List.of(b.delayMs(0), b.delayMs(1), b.delayMs(2),
                b.delayMs(3), b.delayMs(40)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(1_000, 100));
    }

    @Test
    void startOpensAtOnce() {
        reconnecting.start(0);

        assertEquals(ReconnectingSerialLink.State.OPEN, reconnecting.state());
        assertEquals(1, link.opens);
    }

    @Test
    void aFailedOpenIsRetriedWithGrowingDelays() {
        link.available = false;
        reconnecting.start(0);
        List<Long> attempts = new ArrayList<>();
        for (long t = 0; t <= 3_000; t += 10) {
            int before = link.opens;
            reconnecting.poll(t);
            if (link.opens > before) {
                attempts.add(t);
            }
        }

        // start at 0 failed; then 100, 200, 400, 800, 800... after each failure.
        assertEquals(List.of(100L, 300L, 700L, 1_500L, 2_300L), attempts);
    }

    @Test
    void aDisconnectIsReportedOnceAndReopenedAfterTheBackoff() {
        reconnecting.start(0);
        link.listener.onBytes(link.id(), new byte[] {1}, 50);

        link.unplug(1_000);
        link.unplug(1_001); // a second report of the same loss is not news
        assertEquals(OptionalLong.of(1_100), reconnecting.nextDeadlineMs());
        reconnecting.poll(1_099);
        assertEquals(1, link.opens);
        reconnecting.poll(1_100);

        assertEquals(2, link.opens);
        assertEquals(ReconnectingSerialLink.State.OPEN, reconnecting.state());
        assertEquals(1, reconnecting.reconnects());
        assertEquals(List.of("bytes@50", "port disconnected@1000"), seen);
    }

    @Test
    void aSilentUartIsReopenedAndTheDelayGrowsUntilBytesArrive() {
        ReconnectingSerialLink uart = new ReconnectingSerialLink(link, new Backoff(100, 800), 2_000,
                new SerialLink.Listener() {
                    @Override
                    public void onBytes(String linkId, byte[] bytes, long atMs) {}

                    @Override
                    public void onDisconnected(String linkId, String detail, long atMs) {
                        seen.add(detail + "@" + atMs);
                    }
                });
        uart.start(0);
        assertEquals(OptionalLong.of(2_000), uart.nextDeadlineMs());

        uart.poll(2_000); // silent: close, reopen after 100
        uart.poll(2_100);
        uart.poll(4_100); // silent again: reopen after 200
        uart.poll(4_300);
        link.listener.onBytes(link.id(), new byte[] {1}, 4_500); // alive: backoff resets
        uart.poll(6_500);

        assertEquals(List.of("no bytes for 2000 ms@2000", "no bytes for 2000 ms@4100", "no bytes for 2000 ms@6500"),
                seen);
        assertEquals(OptionalLong.of(6_600), uart.nextDeadlineMs());
        assertEquals(3, link.closes);
    }

    @Test
    void closeStopsSupervisionAndClosesTheLink() {
        reconnecting.start(0);

        reconnecting.close();
        reconnecting.close();
        link.unplug(10);
        reconnecting.poll(100_000);

        assertEquals(1, link.opens);
        assertEquals(List.of(), seen);
        assertEquals(OptionalLong.empty(), reconnecting.nextDeadlineMs());
    }

    @Test
    void aStartThatRunsAfterCloseOpensNothing() {
        reconnecting.close();

        reconnecting.start(0);

        assertEquals(0, link.opens);
        assertEquals(ReconnectingSerialLink.State.STOPPED, reconnecting.state());
    }
}
