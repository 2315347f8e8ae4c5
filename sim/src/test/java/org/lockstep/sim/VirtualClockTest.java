package org.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VirtualClockTest {
    private final VirtualClock clock = new VirtualClock();
    private final List<String> ran = new ArrayList<>();

    @Test
    void tasks_run_in_time_order_and_ties_in_scheduling_order() {
        clock.schedule(30, () -> ran.add("c@" + clock.nowMs()));
        clock.schedule(10, () -> ran.add("a@" + clock.nowMs()));
        clock.schedule(30, () -> ran.add("d@" + clock.nowMs()));
        clock.schedule(20, () -> ran.add("b@" + clock.nowMs()));
        clock.advanceTo(100);
        assertEquals(List.of("a@10", "b@20", "c@30", "d@30"), ran);
        assertEquals(100, clock.nowMs());
    }

    @Test
    void tasks_not_yet_due_wait_for_a_later_advance() {
        clock.after(50, () -> ran.add("late"));
        clock.advanceBy(49);
        assertEquals(List.of(), ran);
        assertEquals(OptionalLong.of(50), clock.nextTaskAtMs());
        clock.advanceBy(1);
        assertEquals(List.of("late"), ran);
        assertEquals(OptionalLong.empty(), clock.nextTaskAtMs());
    }

    @Test
    void a_task_may_schedule_more_tasks_which_run_in_the_same_advance_when_due() {
        clock.schedule(10, () -> {
            ran.add("first@" + clock.nowMs());
            clock.after(0, () -> ran.add("now@" + clock.nowMs()));
            clock.after(5, () -> ran.add("then@" + clock.nowMs()));
            clock.after(500, () -> ran.add("much later"));
        });
        clock.advanceTo(20);
        assertEquals(List.of("first@10", "now@10", "then@15"), ran);
        assertEquals(1, clock.pendingTasks());
    }

    @Test
    void time_never_goes_backwards() {
        clock.advanceTo(100);
        assertThrows(AssertionError.class, () -> clock.advanceTo(99));
        assertThrows(AssertionError.class, () -> clock.schedule(50, () -> {}));
        assertEquals(100, clock.nowMs());
    }

    @Test
    void a_task_that_reschedules_itself_forever_at_the_same_instant_is_stopped() {
        Runnable[] loop = new Runnable[1];
        loop[0] = () -> clock.after(0, loop[0]);
        clock.after(0, loop[0]);
        assertThrows(IllegalStateException.class, () -> clock.advanceBy(1));
    }
}
