package org.lockstep.controller.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    static final List<String> ROLES = List.of("classroom", "exterior", "office", "gym");

    @Test
    void a_slip_of_one_or_two_letters_is_suggested() {
        assertEquals(Optional.of("classroom"), DidYouMean.closest("clasroom", ROLES));
        assertEquals(Optional.of("exterior"), DidYouMean.closest("exteroir", ROLES), "swapped neighbours count once");
        assertEquals(Optional.of("actuationMs"), DidYouMean.closest("actuationMS", List.of("actuationMs", "room")),
                "case is ignored");
    }

    @Test
    void a_different_word_is_not_suggested() {
        assertEquals(Optional.empty(), DidYouMean.closest("lobby", ROLES));
        assertEquals(Optional.empty(), DidYouMean.closest("gm", List.of("id")), "two short words two edits apart");
        assertEquals("", DidYouMean.hint("lobby", ROLES));
    }
}
