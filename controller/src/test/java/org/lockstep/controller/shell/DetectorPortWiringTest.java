package org.lockstep.controller.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.hal.DigitalInput;
import org.lockstep.hal.DigitalOutput;
import org.lockstep.hal.InputWiring;
import org.lockstep.hal.PortFactory;
import org.lockstep.hal.SerialLink;
import org.lockstep.hal.SerialSettings;
import org.lockstep.hal.pi4j.Pi4jGpio;
import org.lockstep.hal.pi4j.Pi4jPorts;

/**
 * A serial detector's port is asked for with a silence reopen: a USB serial port reopened after a replug can stay
 * deaf, and a heartbeat-sending detector is the only way to notice (the production ports, Pi4J's mock board).
 */
class DetectorPortWiringTest {
    @Test
    void a_serial_detectors_port_is_reopened_after_twice_its_heartbeat_timeout_of_silence() throws Exception {
        SiteConfig config = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
        Context context = Pi4J.newContextBuilder()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
        ScheduledExecutorService serial = Executors.newSingleThreadScheduledExecutor();
        Pi4jGpio gpio = Pi4jGpio.of(context);
        Map<String, Long> silence = new ConcurrentHashMap<>();
        try {
            Pi4jPorts board = new Pi4jPorts(gpio, () -> 0, serial);
            PortFactory recording = new PortFactory() {
                @Override
                public DigitalOutput output(String id, int pin, boolean initialHigh, Boolean shutdownHigh) {
                    return board.output(id, pin, initialHigh, shutdownHigh);
                }

                @Override
                public DigitalInput input(String id, InputWiring wiring) {
                    return board.input(id, wiring);
                }

                @Override
                public SerialLink serial(String id, SerialSettings settings) {
                    return serial(id, settings, 0);
                }

                @Override
                public SerialLink serial(String id, SerialSettings settings, long silenceReopenMs) {
                    silence.put(id, silenceReopenMs);
                    return board.serial(id, settings, silenceReopenMs);
                }
            };
            DeviceAssembly.assemble(config.site(), config.wiring().get("commons"), recording,
                    SerialDetectorDevice::new);
            // wd-main: heartbeatTimeoutMs 5000 in the example site.
            assertEquals(Map.of("wd-main.serial", 10_000L), silence);
        } finally {
            serial.shutdownNow();
            gpio.close();
        }
    }
}
