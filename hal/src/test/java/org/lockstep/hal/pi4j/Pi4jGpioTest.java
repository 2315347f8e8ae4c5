package org.lockstep.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.InputWiring;
import org.lockstep.hal.Pull;
import org.lockstep.hal.device.FailMode;
import org.lockstep.hal.device.RelayWiring;

/** The Pi4J edge through Pi4J's own mock providers: the same Pi4J code paths as on the board, minus the pins. */
class Pi4jGpioTest {
    private Context context;
    private Pi4jGpio gpio;
    private long nowMs = 1_000;

    @BeforeEach
    void mockBoard() {
        context = Pi4J.newContextBuilder()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build();
        gpio = Pi4jGpio.of(context);
    }

    @AfterEach
    void shutdown() {
        gpio.close();
    }

    private MockDigitalOutput mockOutput(String id) {
        return context.io(Pi4jGpio.pi4jId(id), MockDigitalOutput.class);
    }

    private MockDigitalInput mockInput(String id) {
        return context.io(Pi4jGpio.pi4jId(id), MockDigitalInput.class);
    }

    @Test
    void anActiveLowRelayStartsHighWhichIsDeEnergised() {
        Pi4jDigitalOutput relay = gpio.relay("door-101.lock", new RelayWiring(17, false, FailMode.FAIL_SAFE));

        assertEquals(DigitalState.HIGH, mockOutput("door-101.lock").state());
        assertTrue(relay.isHigh());
    }

    @Test
    void anActiveHighRelayStartsLowWhichIsDeEnergised() {
        gpio.relay("door-102.lock", new RelayWiring(27, true, FailMode.FAIL_SECURE));

        assertEquals(DigitalState.LOW, mockOutput("door-102.lock").state());
    }

    @Test
    void theOutputFollowsDrive() {
        Pi4jDigitalOutput relay = gpio.relay("door-103.lock", new RelayWiring(22, true, FailMode.FAIL_SAFE));

        relay.drive(true);
        assertEquals(DigitalState.HIGH, mockOutput("door-103.lock").state());
        relay.drive(false);
        assertEquals(DigitalState.LOW, mockOutput("door-103.lock").state());
        relay.drive(true);
        assertEquals(DigitalState.HIGH, mockOutput("door-103.lock").state());
    }

    @Test
    void closeDrivesTheShutdownLevelAndIsIdempotent() {
        Pi4jDigitalOutput relay = gpio.relay("door-104.lock", new RelayWiring(23, true, FailMode.FAIL_SAFE));
        MockDigitalOutput mock = mockOutput("door-104.lock");
        relay.drive(true);

        relay.close();
        relay.close();

        assertEquals(DigitalState.LOW, mock.state());
        assertFalse(context.hasIO(Pi4jGpio.pi4jId("door-104.lock")), "pin released");
        assertThrows(HardwareException.class, () -> relay.drive(true));
    }

    @Test
    void contextShutdownDrivesEveryOutputToItsShutdownLevel() {
        Pi4jDigitalOutput a = gpio.relay("door-105.lock", new RelayWiring(5, true, FailMode.FAIL_SAFE));
        Pi4jDigitalOutput b = gpio.relay("door-106.lock", new RelayWiring(6, false, FailMode.FAIL_SECURE));
        MockDigitalOutput mockA = mockOutput("door-105.lock");
        MockDigitalOutput mockB = mockOutput("door-106.lock");
        a.drive(true);
        b.drive(false);

        // What Pi4J's shutdown hook does on an orderly JVM exit.
        context.shutdown();

        assertEquals(DigitalState.LOW, mockA.state());
        assertEquals(DigitalState.HIGH, mockB.state());
        // Closing our side afterwards must not fail on the already-shut-down context.
        a.close();
        b.close();
    }

    @Test
    void claimingAPinTwiceIsAHardwareErrorNamingThePin() {
        gpio.relay("door-107.lock", new RelayWiring(24, true, FailMode.FAIL_SAFE));

        HardwareException e = assertThrows(HardwareException.class,
                () -> gpio.relay("door-107.lock", new RelayWiring(24, true, FailMode.FAIL_SAFE)));

        assertEquals("door-107.lock", e.deviceId());
        assertTrue(e.getMessage().contains("BCM 24"), e.getMessage());
    }

    @Test
    void anInputReportsEachChangeOnceWithTheClocksTime() {
        Pi4jDigitalInput contact = gpio.input("door-101.contact", new InputWiring(4, true, Pull.UP, 30), () -> nowMs);
        MockDigitalInput mock = mockInput("door-101.contact");
        List<String> edges = new CopyOnWriteArrayList<>();
        contact.setListener((id, high, atMs) -> edges.add(id + "=" + high + "@" + atMs));

        mock.mockState(DigitalState.HIGH);
        nowMs = 1_005;
        mock.mockState(DigitalState.HIGH); // no change: no event
        mock.mockState(DigitalState.LOW);
        nowMs = 1_010;
        mock.mockState(DigitalState.HIGH);

        assertEquals(List.of("door-101.contact=true@1000", "door-101.contact=false@1005",
                "door-101.contact=true@1010"), edges);
        assertTrue(contact.isHigh());
    }

    @Test
    void aBouncingContactReachesTheListenerOncePerChange() {
        // Pi4J delivers every change; leading-edge debounce is the driver's job, so all 6 arrive, each once.
        Pi4jDigitalInput contact = gpio.input("door-102.contact", new InputWiring(12, true, Pull.DOWN, 30),
                () -> nowMs);
        MockDigitalInput mock = mockInput("door-102.contact");
        List<Boolean> edges = new CopyOnWriteArrayList<>();
        contact.setListener((id, high, atMs) -> edges.add(high));

        for (int i = 0; i < 3; i++) {
            mock.mockState(DigitalState.HIGH);
            mock.mockState(DigitalState.HIGH);
            mock.mockState(DigitalState.LOW);
        }

        assertEquals(List.of(true, false, true, false, true, false), edges);
    }

    @Test
    void aClosedInputIsReleasedAndReportsNothing() {
        Pi4jDigitalInput contact = gpio.input("door-103.contact", new InputWiring(13, true, Pull.NONE, 0),
                () -> nowMs);
        MockDigitalInput mock = mockInput("door-103.contact");
        List<Boolean> edges = new CopyOnWriteArrayList<>();
        contact.setListener((id, high, atMs) -> edges.add(high));

        contact.close();
        contact.close();
        mock.mockState(DigitalState.HIGH);

        assertEquals(List.of(), edges);
        assertFalse(context.hasIO(Pi4jGpio.pi4jId("door-103.contact")));
    }

    @Test
    void aClosedGpioRefusesNewPinsAndClosesOnce() {
        gpio.close();
        gpio.close();

        assertTrue(context.isShutdown());
        assertThrows(HardwareException.class,
                () -> gpio.relay("door-108.lock", new RelayWiring(25, true, FailMode.FAIL_SAFE)));
    }

    @Test
    void onBoardOffAPiSaysWhichInterfacesItLookedFor() {
        assumeFalse(Files.exists(Path.of("/dev/gpiochip0")) || Files.exists(Path.of("/sys/class/gpio")),
                "this machine has Linux GPIO; the off-board message cannot be checked here");

        HardwareException e = assertThrows(HardwareException.class, () -> Pi4jGpio.onBoard("gpiochip0"));

        assertTrue(e.getMessage().contains("/dev/gpiochip0") && e.getMessage().contains("/sys/class/gpio"),
                e.getMessage());
    }

    @Test
    void onBoardRefusesAMalformedChipName() {
        HardwareException e = assertThrows(HardwareException.class, () -> Pi4jGpio.onBoard("/dev/gpiochip0"));
        assertEquals(Pi4jGpio.DEVICE_ID, e.deviceId());
    }
}
