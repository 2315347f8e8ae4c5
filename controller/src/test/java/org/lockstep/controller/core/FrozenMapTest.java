package org.lockstep.controller.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The request memory is shared from state to state while no request is answered (it was copied eight times per
 * input, door edges included: docs/PERFORMANCE.md, "Core throughput"), and sharing it must not let anything change
 * an old state.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FrozenMapTest {
    private static final Source.Operator JANITOR = new Source.Operator("janitor");

    /** east-ctl after {@code n} refused requests: n answers remembered, no zone changed. */
    private static ControllerState remembering(LockdownMachine m, int n) {
        ControllerState s = m.initial();
        for (int i = 0; i < n; i++) {
            s = m.apply(s, new Event.ModeRequested("r" + i, Mode.LOCKDOWN, Scope.SITE, false, JANITOR, "t"), i + 1)
                    .state();
        }
        return s;
    }

    @Test
    void a_door_edge_shares_the_request_memory_of_the_state_before_it() {
        LockdownMachine m = new LockdownMachine(TestSites.small(), "east-ctl");
        ControllerState before = remembering(m, 20);

        ControllerState after = m.apply(before, new Event.ContactChanged("c101", true), 100).state();

        assertEquals(20, after.recentReplies().size());
        assertSame(before.recentReplies(), after.recentReplies());
        assertSame(before.recentRequests(), after.recentRequests());
    }

    @Test
    void an_answered_request_gets_a_new_memory_and_leaves_the_old_state_as_it_was() {
        LockdownMachine m = new LockdownMachine(TestSites.small(), "east-ctl");
        ControllerState before = remembering(m, 3);

        ControllerState after = m.apply(before,
                new Event.ModeRequested("new", Mode.LOCKDOWN, Scope.SITE, false, JANITOR, "t"), 100).state();

        assertNotSame(before.recentReplies(), after.recentReplies());
        assertEquals(List.of("r0", "r1", "r2"), List.copyOf(before.recentReplies().keySet()));
        assertEquals(List.of("r0", "r1", "r2", "new"), List.copyOf(after.recentReplies().keySet()));
        assertEquals(List.of("r0", "r1", "r2", "new"), List.copyOf(after.recentRequests().keySet()));
    }

    @Test
    void a_frozen_map_is_not_copied_again_and_keeps_the_order_it_was_given() {
        Map<String, Integer> source = new LinkedHashMap<>();
        source.put("z", 1);
        source.put("a", 2);
        Map<String, Integer> frozen = FrozenMap.of(source);

        assertSame(frozen, FrozenMap.of(frozen));
        assertEquals(List.of("z", "a"), List.copyOf(frozen.keySet()));
        assertTrue(frozen.containsKey("z"));
        assertFalse(frozen.containsKey("later"));
        source.put("later", 3);
        assertEquals(Map.of("z", 1, "a", 2), frozen);
    }

    @Test
    void a_frozen_map_refuses_every_change() {
        Map<String, Integer> frozen = FrozenMap.of(Map.of("a", 1));

        assertThrows(UnsupportedOperationException.class, () -> frozen.put("b", 2));
        assertThrows(UnsupportedOperationException.class, () -> frozen.remove("a"));
        assertThrows(UnsupportedOperationException.class, frozen::clear);
        assertThrows(UnsupportedOperationException.class, () -> frozen.keySet().remove("a"));
        assertThrows(UnsupportedOperationException.class, () -> frozen.values().clear());
        assertThrows(UnsupportedOperationException.class, () -> frozen.entrySet().iterator().next().setValue(5));
        assertThrows(UnsupportedOperationException.class, () -> frozen.putAll(Map.of("c", 3)));
        assertEquals(Map.of("a", 1), frozen);
    }
}
