package org.lockstep.controller.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lockstep.controller.core.Event;

class EventCodecTest {

    @Test
    void every_event_variant_round_trips() throws Exception {
        Set<Class<?>> seen = new HashSet<>();
        for (Event e : Events.everyVariant()) {
            assertEquals(e, EventCodec.decode(EventCodec.encode(e)));
            seen.add(e.getClass());
        }
        assertEquals(Set.of(Event.class.getPermittedSubclasses()), seen, "a variant is missing from Events");
    }

    @Test
    void trailing_bytes_unknown_codes_and_short_events_are_refused() {
        byte[] ok = EventCodec.encode(new Event.ContactChanged("c101", true));
        byte[] longer = Arrays.copyOf(ok, ok.length + 1);
        assertTrue(assertThrows(EventCodec.CorruptRecordException.class, () -> EventCodec.decode(longer)).getMessage()
                .contains("trailing"));
        assertThrows(EventCodec.CorruptRecordException.class,
                () -> EventCodec.decode(Arrays.copyOf(ok, ok.length - 1)));
        assertThrows(EventCodec.CorruptRecordException.class, () -> EventCodec.decode(new byte[] {99}));
        byte[] badBool = ok.clone();
        badBool[badBool.length - 1] = 7;
        assertThrows(EventCodec.CorruptRecordException.class, () -> EventCodec.decode(badBool));
    }

    @Test
    void the_encoding_of_version_1_does_not_change() {
        // Old journals must stay readable: these bytes are the format, not an implementation detail.
        assertEquals("04000463313031" + "01", hex(EventCodec.encode(new Event.ContactChanged("c101", true))));
        assertEquals("02", hex(EventCodec.encode(new Event.ControllerStarted())));
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }
}
