package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.pi4j.Pi4jGpio;

/** {@code lockstep run --board}: mock is for tests and training, and never runs on a real Pi. */
class RunBoardOptionTest {
    @TempDir
    Path dir;

    @Test
    void theMockBoardIsRefusedOnARaspberryPi() throws Exception {
        Path model = Files.writeString(dir.resolve("model"), "Raspberry Pi 4 Model B Rev 1.4\0");

        HardwareException e = assertThrows(HardwareException.class, () -> RunCommand.mockBoard(model));

        assertTrue(e.getMessage().contains("refused on a Raspberry Pi (Raspberry Pi 4 Model B Rev 1.4)"),
                e.getMessage());
    }

    @Test
    void theMockBoardRunsWhereThereIsNoDeviceTree() {
        Pi4jGpio gpio = RunCommand.mockBoard(dir.resolve("absent"));

        assertEquals(Pi4jGpio.Backend.MOCK, gpio.backend());
        gpio.close();
    }

    @Test
    void anUnknownBoardIsAUsageErrorBeforeAnythingIsRead() throws Exception {
        Args args = Args.parse(List.of("--config", dir.resolve("none.yaml").toString(), "--controller", "c1",
                "--board", "banana"), Set.of("--config", "--controller", "--journal", "--board"),
                Set.of("--dry-run", "--boot-config"));
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());

        Args.UsageException e = assertThrows(Args.UsageException.class, () -> RunCommand.run(args, sink, sink));

        assertEquals("--board must be pi or mock, found 'banana'", e.getMessage());
    }
}
