package org.lockstep.sim;

import java.util.Objects;
import java.util.Random;

import org.lockstep.hal.InputWiring;

/**
 * A physical contact wired to one input pin: a reed switch, a strike's bolt switch, a button, a panel relay. It
 * holds the truth ("active") and drives the current {@link SimDigitalInput} port through the wiring.
 *
 * <p>Bounce, when enabled: every change reaches the pin at once, followed by 0, 2 or 4 extra toggles within
 * {@value #BOUNCE_MAX_MS} ms (drawn from the building's seeded {@link Random}), always ending at the true level. An
 * even number because each glitch goes away and comes back; a later change cancels the rest of an earlier bounce.
 *
 * <p>A cut wire reads as a fixed level (chosen per switch: a cut normally-closed loop reads "active") and the
 * contact's changes no longer reach the pin; a repair puts the pin back at the truth.
 *
 * <p>Power: the port belongs to a controller. {@link #powerCut()} retires it (no more edges); {@link #powerRestore()}
 * makes a fresh one, which the restarted controller must fetch with {@link #port()}.
 */
final class SimSwitch {
    static final int BOUNCE_MAX_GLITCHES = 2;
    static final int BOUNCE_MAX_MS = 8;

    private final String portId;
    private final InputWiring wiring;
    private final VirtualClock clock;
    private final Random random;
    private final boolean bounces;
    private final boolean activeWhenCut;
    private boolean active;
    private boolean cut;
    private long bounceGeneration;
    private SimDigitalInput port;

    SimSwitch(String portId, InputWiring wiring, VirtualClock clock, Random random, boolean bounces,
            boolean activeWhenCut, boolean initiallyActive) {
        this.portId = Objects.requireNonNull(portId, "portId");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.bounces = bounces;
        this.activeWhenCut = activeWhenCut;
        this.active = initiallyActive;
        this.port = new SimDigitalInput(portId, clock, pinLevel());
    }

    SimDigitalInput port() {
        return port;
    }

    boolean active() {
        return active;
    }

    InputWiring wiring() {
        return wiring;
    }

    /** The contact changes; the pin follows (with bounce, if this switch bounces) unless the wire is cut. */
    void set(boolean newActive) {
        if (newActive == active) {
            return;
        }
        active = newActive;
        long generation = ++bounceGeneration;
        if (cut) {
            return;
        }
        port.setLevel(wiring.levelFor(active));
        if (!bounces) {
            return;
        }
        int toggles = 2 * random.nextInt(BOUNCE_MAX_GLITCHES + 1);
        long offsetMs = 0;
        for (int i = 0; i < toggles; i++) {
            // Strictly increasing offsets within 1..BOUNCE_MAX_MS: at most 4 toggles fit with room to spare.
            offsetMs += 1 + random.nextInt(2);
            boolean glitch = i % 2 == 0;
            clock.after(offsetMs, () -> {
                if (generation == bounceGeneration && !cut) {
                    port.setLevel(wiring.levelFor(glitch != active));
                }
            });
        }
    }

    void wireCut(boolean nowCut) {
        if (nowCut == cut) {
            return;
        }
        cut = nowCut;
        bounceGeneration++;
        port.setLevel(pinLevel());
    }

    void powerCut() {
        port.close();
    }

    void powerRestore() {
        port.close();
        port = new SimDigitalInput(portId, clock, pinLevel());
    }

    private boolean pinLevel() {
        return wiring.levelFor(cut ? activeWhenCut : active);
    }
}
