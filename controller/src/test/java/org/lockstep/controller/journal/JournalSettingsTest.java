package org.lockstep.controller.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class JournalSettingsTest {
    @Test
    void an_empty_section_gives_the_defaults() {
        assertEquals(JournalSettings.DEFAULTS, JournalSettings.fromMap(Map.of()));
        assertEquals(JournalSettings.DEFAULTS, JournalSettings.fromMap(null));
    }

    @Test
    void fields_are_read_by_name() {
        JournalSettings s = JournalSettings.fromMap(Map.of("segmentMaxBytes", 65536, "groupCommitMaxMs", 50L,
                "retainMaxAgeDays", 30));
        assertEquals(65536, s.segmentMaxBytes());
        assertEquals(50, s.groupCommitMaxMs());
        assertEquals(30, s.retainMaxAgeDays());
    }

    @Test
    void mistakes_name_the_field() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> JournalSettings.fromMap(Map.of("segmentMaxByte", 1))).getMessage()
                .startsWith("journal.segmentMaxByte: unknown field"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> JournalSettings.fromMap(Map.of("groupCommitMaxMs", "fast"))).getMessage()
                .startsWith("journal.groupCommitMaxMs: expected a whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> JournalSettings.fromMap(Map.of("segmentMaxBytes", 10))).getMessage()
                .startsWith("journal.segmentMaxBytes must be"));
    }
}
