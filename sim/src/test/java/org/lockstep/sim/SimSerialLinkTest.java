package org.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.SerialLink;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SimSerialLinkTest {
    private final VirtualClock clock = new VirtualClock(1000);
    private final SimSerialLink link = new SimSerialLink(new BuildingPlan.SerialDetectorSpec("sd1", "east"), clock);
    private final List<String> heard = new ArrayList<>();

    SimSerialLinkTest() {
        link.setListener(new SerialLink.Listener() {
            @Override
            public void onBytes(String linkId, byte[] bytes, long atMs) {
                heard.add(linkId + " bytes " + new String(bytes, StandardCharsets.US_ASCII) + " @" + atMs);
            }

            @Override
            public void onDisconnected(String linkId, String detail, long atMs) {
                heard.add(linkId + " disconnected @" + atMs);
            }
        });
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void injected_bytes_reach_the_listener_at_once_stamped_with_the_virtual_clock() {
        link.open();
        assertTrue(link.inject(ascii("HB 1\n")));
        assertEquals(List.of("sd1 bytes HB 1\n @1000"), heard);
    }

    @Test
    void bytes_sent_to_a_closed_link_are_lost_and_counted() {
        assertFalse(link.inject(ascii("abc")));
        assertEquals(List.of(), heard);
        assertEquals(3, link.bytesDropped());
    }

    @Test
    void a_disconnect_tells_the_listener_and_open_fails_until_reconnected() {
        link.open();
        clock.advanceBy(5);
        link.disconnect();
        assertEquals(List.of("sd1 disconnected @1005"), heard);
        assertFalse(link.isOpen());
        HardwareException e = assertThrows(HardwareException.class, link::open);
        assertTrue(e.retryable());
        link.reconnect();
        link.open();
        assertTrue(link.isOpen());
    }

    @Test
    void the_device_side_sees_what_the_controller_writes() {
        List<byte[]> written = new ArrayList<>();
        link.onWrite(written::add);
        link.open();
        link.write(ascii("ACK 7\n"));
        assertArrayEquals(ascii("ACK 7\n"), written.get(0));
        link.close();
        assertThrows(HardwareException.class, () -> link.write(ascii("x")));
    }

    @Test
    void a_power_cut_closes_the_link_silently_and_the_restarted_controller_reopens_it() {
        link.open();
        link.powerCut();
        assertFalse(link.isOpen());
        assertThrows(HardwareException.class, link::open);
        link.powerRestore();
        link.open();
        link.inject(ascii("x"));
        assertEquals(List.of(), heard, "the old listener died with its controller");
    }
}
