package org.lockstep.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SimControlDecoderTest {
    static SimCommand decode(String rest, String payload) {
        return SimControlDecoder.decode(rest, payload.getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void decodesEveryKind() {
        assertEquals(new SimCommand.PressPanic("panic-office"), decode("panic/panic-office", ""));
        assertEquals(new SimCommand.MoveDoor("c101", SimCommand.DoorMove.PROP), decode("door/c101/prop", ""));
        assertEquals(new SimCommand.DetectorEvent("wd-1", "lane-2", 91, "main entrance"),
                decode("detector/wd-1", "{\"sensor\":\"lane-2\",\"confidence\":91,\"location\":\"main entrance\"}"));
        assertEquals(new SimCommand.FireAlarm("fire-east", true), decode("fire/fire-east", "{\"active\":true}"));
        assertEquals(new SimCommand.InjectFault("c101", SimCommand.FaultKind.JAM_BOLT),
                decode("fault/c101", "{\"fault\":\"jam_bolt\"}"));
    }

    @Test
    void refusesWhatItCannotUnderstand() {
        assertThrows(IllegalArgumentException.class, () -> decode("door/c101/kick", ""));
        assertThrows(IllegalArgumentException.class, () -> decode("detector/wd-1", "{\"confidence\":\"high\"}"));
        assertThrows(IllegalArgumentException.class, () -> decode("fault/c101", "{\"fault\":\"melt\"}"));
        assertThrows(IllegalArgumentException.class, () -> decode("teleport/x", ""));
        assertThrows(IllegalArgumentException.class,
                () -> SimControlDecoder.decode("panic/p", new byte[0], true));
    }
}
