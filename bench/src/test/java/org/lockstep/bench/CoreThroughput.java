package org.lockstep.bench;

import java.util.concurrent.TimeUnit;

import org.lockstep.controller.core.ControllerState;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.LockdownMachine;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 11 #1: how many inputs a second {@link LockdownMachine#apply} handles for a {@value BigSite#DOORS}-door
 * controller, one thread, one input per benchmark operation (so ops/s is events/s, and {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} is bytes allocated per event). The state is carried from one operation to the next as
 * the loop carries it, and the clock moves 1 ms per event.
 *
 * <ul>
 *   <li>{@code doorChatter}: door contacts open and close, round-robin over the 64 doors (the commonest input);</li>
 *   <li>{@code lockdownCycle}: a site LOCKDOWN, then its ALL CLEAR, alternately (each drives or releases 64 locks);</li>
 *   <li>{@code peerZoneMode}: a peer's LOCKDOWN of zone z0 (16 doors here) seen, then a local ALL CLEAR of z0;</li>
 *   <li>{@code refusedCommand}: a LOCKDOWN from an operator who may only run drills (refused).</li>
 * </ul>
 *
 * Request ids are made up front ({@link #IDS} distinct ones, more than the core remembers) so that making them is not
 * measured. Run: docs/PERFORMANCE.md, "Core throughput".
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xmx256m"})
public class CoreThroughput {
    static final int IDS = 4 * LockdownMachine.RECENT_REQUESTS_MAX;

    @State(org.openjdk.jmh.annotations.Scope.Thread)
    public static class Controller {
        LockdownMachine machine;
        ControllerState state;
        long nowMs;
        long n;
        String[] ids;
        String[] doorIds;
        Event.ContactChanged[] opens;
        Event.ContactChanged[] closes;
        final Source okafor = new Source.Operator("okafor");
        final Source chen = new Source.Operator("chen");
        final Scope z0 = Scope.zone(BigSite.zoneId(0));

        /**
         * How many answered requests the state remembers at the start: 0 (just started) or
         * {@link LockdownMachine#RECENT_REQUESTS_MAX} (a controller that has answered that many since it started: a few
         * weeks of drills and tests, or a minute of a flood of valid-looking commands).
         */
        @Param({"0", "512"})
        int remembered;

        @Setup(Level.Trial)
        public void setUp() {
            machine = new LockdownMachine(BigSite.site(), "c1");
            nowMs = 1_000_000;
            state = machine.apply(machine.initial(), new Event.ControllerStarted(), nowMs).state();
            ids = new String[IDS];
            for (int i = 0; i < IDS; i++) {
                ids[i] = "req-" + i;
            }
            for (int i = 0; i < remembered; i++) {
                // Refused (chen may only drill): fills the memory of answers without changing a zone.
                state = machine.apply(state, new Event.ModeRequested("old-" + i, Mode.LOCKDOWN, Scope.SITE, false,
                        chen, "history"), ++nowMs).state();
            }
            if (state.recentReplies().size() != remembered) {
                throw new IllegalStateException("expected " + remembered + " remembered requests, found "
                        + state.recentReplies().size());
            }
            opens = new Event.ContactChanged[BigSite.DOORS];
            closes = new Event.ContactChanged[BigSite.DOORS];
            for (int i = 0; i < BigSite.DOORS; i++) {
                opens[i] = new Event.ContactChanged(BigSite.doorId(i), true);
                closes[i] = new Event.ContactChanged(BigSite.doorId(i), false);
            }
        }

        String nextId() {
            return ids[(int) (n % IDS)];
        }

        LockdownMachine.Transition step(Event e) {
            nowMs++;
            n++;
            LockdownMachine.Transition t = machine.apply(state, e, nowMs);
            state = t.state();
            return t;
        }
    }

    @Benchmark
    public LockdownMachine.Transition doorChatter(Controller c) {
        int door = (int) (c.n % BigSite.DOORS);
        boolean open = (c.n / BigSite.DOORS) % 2 == 0;
        return c.step(open ? c.opens[door] : c.closes[door]);
    }

    @Benchmark
    public LockdownMachine.Transition lockdownCycle(Controller c) {
        Mode mode = c.n % 2 == 0 ? Mode.LOCKDOWN : Mode.NORMAL;
        return c.step(new Event.ModeRequested(c.nextId(), mode, Scope.SITE, false, c.okafor, "bench"));
    }

    @Benchmark
    public LockdownMachine.Transition peerZoneMode(Controller c) {
        if (c.n % 2 == 0) {
            long version = c.state.zone(BigSite.zoneId(0)).version() + 1;
            return c.step(new Event.PeerModeSeen("c2", BigSite.zoneId(0), Mode.LOCKDOWN, false,
                    java.util.Optional.of(c.okafor), "bench", version));
        }
        return c.step(new Event.ModeRequested(c.nextId(), Mode.NORMAL, c.z0, false, c.okafor, "bench"));
    }

    @Benchmark
    public LockdownMachine.Transition refusedCommand(Controller c) {
        return c.step(new Event.ModeRequested(c.nextId(), Mode.LOCKDOWN, Scope.SITE, false, c.chen, "bench"));
    }
}
