package org.lockstep.controller.shell;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

import org.lockstep.controller.core.Command;

/**
 * What the loop holds back until the journal has a mode change on disk: the step's publishes, alerts, replies and
 * shares (never its relay drives: those went first), and, to keep their order, everything any later step publishes
 * meanwhile. Released in order by {@link #release} once the journal's settled ticket reaches theirs, or all at once by
 * the loop's journal watchdog ({@link #releaseAll}). Bounded by the journal's own queue bound: a step that could not be
 * queued holds nothing. Loop thread only.
 */
final class HeldPublishes {
    private record Held(long ticket, List<Command> commands) {}

    private final ArrayDeque<Held> held = new ArrayDeque<>();

    boolean isEmpty() {
        return held.isEmpty();
    }

    int steps() {
        return held.size();
    }

    /** @param ticket the journal ticket this must wait for; 0 to wait only for what is held before it */
    void hold(long ticket, List<Command> commands) {
        held.add(new Held(ticket, List.copyOf(commands)));
    }

    /** Whether the oldest held step may go out now. */
    boolean releasable(long settled) {
        Held h = held.peek();
        return h != null && h.ticket() <= settled;
    }

    void release(long settled, Consumer<Command> carryOut) {
        while (releasable(settled)) {
            held.poll().commands().forEach(carryOut);
        }
    }

    void releaseAll(Consumer<Command> carryOut) {
        release(Long.MAX_VALUE, carryOut);
    }
}
