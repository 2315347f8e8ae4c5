package org.lockstep.hal.pi4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.InputWiring;
import org.lockstep.hal.MonotonicClock;
import org.lockstep.hal.Pull;
import org.lockstep.hal.device.RelayWiring;
import org.tinylog.Logger;

/**
 * The board's GPIO through one Pi4J {@link Context}: the only place that builds Pi4J inputs and outputs. Every pin
 * it hands out is a Lockstep port ({@link org.lockstep.hal.DigitalOutput}, {@link org.lockstep.hal.DigitalInput});
 * Pi4J types never leave this package.
 *
 * <p>Since Pi4J 2.5 a context holds one provider per I/O type, so "linuxfs as a fallback" is decided once, here,
 * when the context is built: gpiod if the chip's character device exists, else the sysfs (linuxfs) interface.
 */
public final class Pi4jGpio implements AutoCloseable {
    /** The GPIO device id used in errors that are about the board rather than one pin. */
    public static final String DEVICE_ID = "gpio";

    private static final Pattern CHIP_NAME = Pattern.compile("gpiochip[0-9]{1,3}");
    private static final Path DEV = Path.of("/dev");
    private static final Path SYSFS_GPIO = Path.of("/sys/class/gpio");

    /** Which Pi4J providers the context uses. */
    public enum Backend {
        /** libgpiod character device: no sudo, works on Pi 4 and Pi 5, supports pull resistors. */
        GPIOD,
        /** Legacy sysfs: no pull resistors (wire external ones), numbering offset on newer kernels. */
        LINUXFS,
        /** Whatever providers the caller put into the context (tests: Pi4J's mock providers). */
        GIVEN,
        /** Pi4J's mock providers: {@code lockstep run --board mock}; no pin is driven. */
        MOCK
    }

    private final Context context;
    private final Backend backend;
    private boolean closed;

    private Pi4jGpio(Context context, Backend backend) {
        this.context = Objects.requireNonNull(context, "context");
        this.backend = backend;
    }

    /**
     * The Raspberry Pi's own header. Uses gpiod on {@code /dev/<gpioChip>} ({@code gpiochip0} on a Pi 4, and on a
     * Pi 5 since kernel 6.6.45), or linuxfs when that device is absent but {@code /sys/class/gpio} exists. Pi4J's
     * shutdown hook is enabled, so an orderly JVM exit drives every output to its shutdown level.
     *
     * @throws HardwareException if the chip name is malformed or neither interface exists
     */
    public static Pi4jGpio onBoard(String gpioChip) {
        Objects.requireNonNull(gpioChip, "gpioChip");
        if (!CHIP_NAME.matcher(gpioChip).matches()) {
            throw new HardwareException(DEVICE_ID, "gpio chip name must look like gpiochip0, was '" + gpioChip + "'");
        }
        try {
            if (Files.exists(DEV.resolve(gpioChip))) {
                Context context = Pi4J.newContextBuilder()
                        .noAutoDetect()
                        .setGpioChipName(gpioChip)
                        .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
                        .enableShutdownHook()
                        .build();
                Logger.info("GPIO through gpiod on /dev/{}", gpioChip);
                return new Pi4jGpio(context, Backend.GPIOD);
            }
            if (Files.isDirectory(SYSFS_GPIO)) {
                Context context = Pi4J.newContextBuilder()
                        .noAutoDetect()
                        .add(LinuxFsDigitalInputProvider.newInstance(), LinuxFsDigitalOutputProvider.newInstance())
                        .enableShutdownHook()
                        .build();
                Logger.warn("/dev/{} not found: GPIO through linuxfs (sysfs); pull resistors are not set by software",
                        gpioChip);
                return new Pi4jGpio(context, Backend.LINUXFS);
            }
        } catch (Pi4JException | LinkageError e) {
            throw new HardwareException(DEVICE_ID, "cannot start Pi4J on " + gpioChip + ": " + detail(e), false, e);
        }
        throw new HardwareException(DEVICE_ID,
                "neither /dev/" + gpioChip + " nor /sys/class/gpio exists: not a board with Linux GPIO");
    }

    /**
     * Pi4J's mock providers with its shutdown hook on, as {@link #onBoard} has it: the whole controller runs as on a
     * Pi, with no pin driven. For tests, CI and training; the caller refuses it on a real board.
     */
    public static Pi4jGpio mockBoard() {
        Context context = Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .enableShutdownHook()
                .build();
        return new Pi4jGpio(context, Backend.MOCK);
    }

    /** A context built by the caller, e.g. with Pi4J's mock providers in tests. The caller owns the shutdown hook. */
    public static Pi4jGpio of(Context context) {
        return new Pi4jGpio(context, Backend.GIVEN);
    }

    public Backend backend() {
        return backend;
    }

    /**
     * A relay output held de-energised from the moment Pi4J claims the pin, and driven de-energised again on
     * {@link org.lockstep.hal.DigitalOutput#close()} and on Pi4J's shutdown (orderly JVM exit). What a
     * de-energised relay does to the lock is the wiring's business ({@link RelayWiring#failMode()}).
     */
    public Pi4jDigitalOutput relay(String id, RelayWiring wiring) {
        boolean safe = wiring.deEnergisedLevel();
        return output(id, wiring.pin(), safe, safe);
    }

    /**
     * A plain output with explicit initial and shutdown levels.
     *
     * @param shutdownHigh the level an orderly shutdown leaves, or {@code null} to leave the pin as it was driven
     */
    public synchronized Pi4jDigitalOutput output(String id, int pin, boolean initialHigh, Boolean shutdownHigh) {
        ensureOpen(id);
        DigitalOutput pi4j;
        try {
            var config = DigitalOutput.newConfigBuilder(context)
                    .id(pi4jId(id))
                    .name(id)
                    .address(pin)
                    .initial(state(initialHigh));
            if (shutdownHigh != null) {
                config = config.shutdown(state(shutdownHigh));
            }
            pi4j = context.create(config.build());
        } catch (Pi4JException | LinkageError e) {
            throw new HardwareException(id, "cannot claim output BCM " + pin + " (initial " + level(initialHigh)
                    + "): " + detail(e), false, e);
        }
        return new Pi4jDigitalOutput(id, pin, pi4j, context, initialHigh, shutdownHigh);
    }

    /**
     * An input with the wiring's pull resistor and <em>no</em> Pi4J debounce: see {@link Pi4jDigitalInput} for why.
     * {@code wiring.debounceMs()} is applied by the device driver reading this input, not here.
     */
    public synchronized Pi4jDigitalInput input(String id, InputWiring wiring, MonotonicClock clock) {
        ensureOpen(id);
        DigitalInput pi4j;
        try {
            pi4j = context.create(DigitalInput.newConfigBuilder(context)
                    .id(pi4jId(id))
                    .name(id)
                    .address(wiring.pin())
                    .pull(pull(wiring.pull()))
                    // 0 turns gpiod's software debounce off (Pi4J's default is 10,000 us, trailing edge).
                    .debounce(0L)
                    .build());
        } catch (Pi4JException | LinkageError e) {
            throw new HardwareException(id, "cannot claim input BCM " + wiring.pin() + " (pull " + wiring.pull()
                    + "): " + detail(e), false, e);
        }
        return new Pi4jDigitalInput(id, wiring.pin(), pi4j, context, clock);
    }

    /**
     * Shuts the Pi4J context down: every output still claimed is driven to its shutdown level. Idempotent. Close
     * the pins first if you want their own errors; this is the backstop.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!context.isShutdown()) {
                context.shutdown();
            }
        } catch (Pi4JException e) {
            throw new HardwareException(DEVICE_ID, "Pi4J shutdown failed: " + e.getMessage(), false, e);
        }
    }

    private void ensureOpen(String id) {
        if (closed) {
            throw new HardwareException(id, "GPIO already closed");
        }
    }

    /** Pi4J ids are registry keys that must not contain spaces or dots; ours are door ids plus a role suffix. */
    public static String pi4jId(String id) {
        return "lockstep-" + id.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** Native libraries unpack to java.io.tmpdir: a noexec /tmp is the usual reason they fail to load. */
    private static String detail(Throwable e) {
        return e instanceof LinkageError
                ? "native library failed to load (" + e.getMessage() + "); is java.io.tmpdir mounted noexec?"
                : e.getMessage();
    }

    static DigitalState state(boolean high) {
        return high ? DigitalState.HIGH : DigitalState.LOW;
    }

    static String level(boolean high) {
        return high ? "high" : "low";
    }

    private static PullResistance pull(Pull pull) {
        return switch (pull) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case NONE -> PullResistance.OFF;
        };
    }
}
