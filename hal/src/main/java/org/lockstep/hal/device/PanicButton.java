package org.lockstep.hal.device;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.lockstep.hal.InputWiring;

/**
 * A panic button, reported as {@link DeviceSignal.PanicTriggered} once its {@link PanicGuard} is passed. Presses are
 * leading-edge debounced first, so a bouncing contact counts as one press and a hold is timed from the first edge.
 *
 * <ul>
 *   <li>{@link PanicGuard.Hold}: fires once when the (debounced) button has been held for {@code holdMs}; a release
 *       before that cancels; it must be released before it can fire again. Needs {@link #poll(long)} at the
 *       deadline. {@code holdMs} 0 fires on the press.
 *   <li>{@link PanicGuard.Presses}: fires on the {@code count}-th press when the first of them was at most
 *       {@code windowMs} earlier; then counting starts afresh.
 * </ul>
 *
 * <p>A button already held when the controller starts is timed from the start (someone leaning on it through a
 * reboot still gets through); a held button does not count as a press for {@code Presses}.
 */
public final class PanicButton implements InputDevice {
    private final String buttonId;
    private final InputWiring wiring;
    private final PanicGuard guard;
    private final Consumer<DeviceSignal> sink;
    private final LeadingEdgeFilter filter;
    /** Press times within the window, oldest first; never more than the count. */
    private final ArrayDeque<Long> pressesMs = new ArrayDeque<>();
    private boolean holdTiming;
    private long holdDeadlineMs;
    private boolean firedThisHold;

    public PanicButton(String buttonId, InputWiring wiring, PanicGuard guard, Consumer<DeviceSignal> sink) {
        this.buttonId = Objects.requireNonNull(buttonId, "buttonId");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.filter = new LeadingEdgeFilter(wiring.debounceMs(), this::pressedChanged);
    }

    @Override
    public String deviceId() {
        return buttonId;
    }

    @Override
    public void start(boolean level, long nowMs) {
        boolean pressed = wiring.isActive(level);
        filter.start(pressed, nowMs);
        pressesMs.clear();
        holdTiming = false;
        firedThisHold = false;
        if (pressed && guard instanceof PanicGuard.Hold hold) {
            beginHold(hold, nowMs);
        }
    }

    @Override
    public void onEdge(boolean level, long atMs) {
        poll(atMs);
        filter.onLevel(wiring.isActive(level), atMs);
    }

    @Override
    public void poll(long nowMs) {
        // In time order, so the outcome does not depend on how punctually the owner polls: a hold deadline that
        // falls inside the filter's window is judged before the release the filter concludes when it ends.
        OptionalLong window = filter.nextDeadlineMs();
        if (holdTiming && window.isPresent() && holdDeadlineMs <= window.getAsLong()) {
            checkHold(nowMs);
        }
        filter.poll(nowMs);
        checkHold(nowMs);
    }

    @Override
    public OptionalLong nextDeadlineMs() {
        OptionalLong window = filter.nextDeadlineMs();
        if (!holdTiming) {
            return window;
        }
        return OptionalLong.of(window.isPresent() ? Math.min(window.getAsLong(), holdDeadlineMs) : holdDeadlineMs);
    }

    /** The debounced button state. */
    public boolean isPressed() {
        return filter.active();
    }

    private void pressedChanged(boolean pressed, long atMs) {
        switch (guard) {
            case PanicGuard.Hold hold -> {
                if (pressed) {
                    beginHold(hold, atMs);
                } else {
                    holdTiming = false;
                    firedThisHold = false;
                }
            }
            case PanicGuard.Presses presses -> {
                if (pressed) {
                    countPress(presses, atMs);
                }
            }
        }
    }

    private void beginHold(PanicGuard.Hold hold, long atMs) {
        if (firedThisHold) {
            return;
        }
        holdTiming = true;
        holdDeadlineMs = atMs + hold.holdMs();
        checkHold(atMs);
    }

    private void checkHold(long nowMs) {
        if (holdTiming && nowMs >= holdDeadlineMs) {
            holdTiming = false;
            firedThisHold = true;
            sink.accept(new DeviceSignal.PanicTriggered(buttonId, holdDeadlineMs));
        }
    }

    private void countPress(PanicGuard.Presses presses, long atMs) {
        while (!pressesMs.isEmpty() && atMs - pressesMs.peekFirst() > presses.windowMs()) {
            pressesMs.removeFirst();
        }
        pressesMs.addLast(atMs);
        if (pressesMs.size() >= presses.count()) {
            pressesMs.clear();
            sink.accept(new DeviceSignal.PanicTriggered(buttonId, atMs));
        }
    }
}
