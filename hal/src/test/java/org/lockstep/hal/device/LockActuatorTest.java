package org.lockstep.hal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lockstep.hal.DigitalOutputBase;
import org.lockstep.hal.HardwareException;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LockActuatorTest {
    /** Records writes; refuses them when told to. */
    static final class RecordingOutput extends DigitalOutputBase {
        final List<Boolean> writes = new ArrayList<>();
        boolean refuse;

        RecordingOutput() {
            super("relay-1", null);
        }

        @Override
        protected void writeLevel(boolean high) {
            if (refuse) {
                throw new HardwareException("relay-1", "gpio write failed", true, null);
            }
            writes.add(high);
        }
    }

    @ParameterizedTest(name = "{0} relay activeHigh={1}: lock drives {2}, unlock {3}, safe state {4}")
    @CsvSource({
        "FAIL_SAFE,   true,  true,  false, false",
        "FAIL_SAFE,   false, false, true,  true",
        "FAIL_SECURE, true,  false, true,  false",
        "FAIL_SECURE, false, true,  false, true",
    })
    void the_wiring_decides_the_pin_level(FailMode mode, boolean activeHigh, boolean lockLevel, boolean unlockLevel,
            boolean safeLevel) {
        RecordingOutput relay = new RecordingOutput();
        LockActuator lock = new LockActuator("d1", relay, new RelayWiring(18, activeHigh, mode));
        lock.lock();
        assertEquals(lockLevel, relay.isHigh());
        assertTrue(lock.lockCommanded());
        lock.unlock();
        assertEquals(unlockLevel, relay.isHigh());
        assertFalse(lock.lockCommanded());
        lock.driveSafeState();
        assertEquals(safeLevel, relay.isHigh());
        assertEquals(mode == FailMode.FAIL_SECURE, lock.lockCommanded());
    }

    @Test
    void nothing_is_driven_at_construction() {
        RecordingOutput relay = new RecordingOutput();
        new LockActuator("d1", relay, new RelayWiring(18, true, FailMode.FAIL_SECURE));
        assertEquals(List.of(), relay.writes);
    }

    @Test
    void a_refused_write_is_rethrown_naming_the_door_and_the_target_state() {
        RecordingOutput relay = new RecordingOutput();
        LockActuator lock = new LockActuator("room-101", relay, new RelayWiring(18, true, FailMode.FAIL_SAFE));
        relay.refuse = true;
        HardwareException e = assertThrows(HardwareException.class, lock::lock);
        assertEquals("room-101", e.deviceId());
        assertTrue(e.getMessage().contains("locked"), e.getMessage());
        assertTrue(e.getMessage().contains("relay-1"), e.getMessage());
        assertTrue(e.retryable());
        assertFalse(lock.lockCommanded(), "a refused lock is not a commanded lock");
    }
}
