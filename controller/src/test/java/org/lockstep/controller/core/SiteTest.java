package org.lockstep.controller.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The site's last line of defence (the config loader reports user mistakes first) and its lookups by id. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SiteTest {
    @ParameterizedTest(name = "''{0}'' valid: {1}")
    @CsvSource({"c101, true", "0, true", "a_b-c, true", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv, true",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvw, false", "C101, false", "-a, false", "_a, false",
            "'', false", "a b, false", "a/b, false"})
    void an_id_is_1_to_48_lower_case_letters_digits_dashes_and_underscores(String id, boolean valid) {
        assertEquals(valid, Ids.isValid(id));
        if (valid) {
            assertEquals(id, Ids.require("door", id));
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ids.require("door", id));
            assertEquals("door must be 1-48 of [a-z0-9_-] starting with a letter or digit, was '" + id + "'",
                    e.getMessage());
        }
    }

    @Test
    void a_missing_id_is_invalid_and_said_to_be_missing() {
        assertEquals(false, Ids.isValid(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ids.require("zone", null));
        assertEquals("zone must be 1-48 of [a-z0-9_-] starting with a letter or digit, was missing", e.getMessage());
    }

    @Test
    void zones_and_controllers_are_found_by_their_own_id() {
        Site s = TestSites.small();
        assertEquals("west", s.zone("west").orElseThrow().id());
        assertEquals("east", s.zone("east").orElseThrow().id());
        assertEquals(Optional.empty(), s.zone("gym"));
        assertEquals("west-ctl", s.controller("west-ctl").orElseThrow().id());
        assertEquals(Optional.empty(), s.controller("gym-ctl"));
        assertEquals(List.of("east", "west"), List.copyOf(s.zonesById().keySet()));
        assertEquals(s.zones().get(1), s.zonesById().get("west"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LockdownMachine(s, "gym-ctl"));
        assertEquals("controller 'gym-ctl' is not in site Test School", e.getMessage());
    }

    @Test
    void a_controllers_devices_are_its_doors_buttons_fire_inputs_and_detectors_in_site_order() {
        Site s = TestSites.small();
        assertEquals(List.of("c101", "c102", "x1", "panic-office", "fire-east", "wd-auto", "wd-alert"),
                List.copyOf(s.devicesOf("east-ctl")));
        assertEquals(List.of("c201", "panic-gym"), List.copyOf(s.devicesOf("west-ctl")));
        assertEquals(List.of(), List.copyOf(s.devicesOf("gym-ctl")));
        assertThrows(UnsupportedOperationException.class, () -> s.devicesOf("east-ctl").add("c201"));
    }

    @Test
    void a_trigger_scoped_to_a_zone_the_site_does_not_have_is_refused() {
        Site s = TestSites.small();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Site(s.name(),
                s.controllers(), s.zones(), s.doors(), s.operators(), s.plan(), s.firePolicy(),
                List.of(new PanicButtonSpec("panic-x", "east-ctl", "Hall", Scope.zone("gym"))), s.detectors(),
                s.fireAlarms()));
        assertEquals("panicButton panic-x.scope: unknown id 'gym'", e.getMessage());
    }
}
