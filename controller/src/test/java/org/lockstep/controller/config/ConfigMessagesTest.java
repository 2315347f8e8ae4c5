package org.lockstep.controller.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** What a technician reads when the site file is wrong: one line per mistake, in Lockstep's words, with the line. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConfigMessagesTest {

    static List<String> problems(String yaml) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SiteConfigLoader.load("site.yaml", new StringReader(yaml)));
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void a_key_indented_one_space_too_few_is_explained_with_its_line_and_no_parser_tokens() {
        List<String> p = problems("""
                site: { name: Test School }
                controllers:
                  - id: c1
                    name: Main
                   board: pi4
                zones: [ { id: z1 } ]
                """);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.getFirst().startsWith("site.yaml:5: indentation: this line starts in column 4"), p.getFirst());
        assertFalse(p.getFirst().contains("<block"), "no SnakeYAML tokens: " + p.getFirst());
    }

    @Test
    void a_key_indented_too_far_is_explained_with_its_line() {
        List<String> p = problems("""
                site:
                  name: Test School
                    id: test
                """);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.getFirst().startsWith("site.yaml:3: indentation or quoting:"), p.getFirst());
        assertFalse(p.getFirst().contains("mapping values are not allowed"), p.getFirst());
    }

    @Test
    void a_missing_fail_mode_default_is_one_line_not_one_per_door() throws IOException {
        String example = Files.readString(SiteSnippetsInDocsTest.EXAMPLE);
        String without = example.replace("  relay: { activeHigh: true, failMode: fail-secure }\n",
                "  relay: { activeHigh: true }\n");
        assertTrue(!without.equals(example), "the example sets doorDefaults.relay.failMode");
        List<String> p = problems(without);
        assertEquals(1, p.size(), String.join("\n", p));
        assertTrue(p.getFirst().contains("doorDefaults: relay.failMode: missing, and 31 doors do not state their own"
                + " (east-exit, c101, c102, c103 and 27 more)"), p.getFirst());
    }

    @Test
    void a_single_door_without_a_fail_mode_is_told_at_the_door() {
        List<String> p = problems("""
                site: { name: Test School }
                controllers: [ { id: c1 } ]
                zones: [ { id: z1 } ]
                doors:
                  - { id: d1, room: Room 1, zone: z1, role: classroom, controller: c1, relay: { pin: 17 }, contact: { pin: 27 } }
                """);
        assertEquals(List.of("site.yaml:5: doors[0].relay.failMode: required here or in doorDefaults.relay.failMode:"
                + " fail-safe, fail-secure (the lock's type decides; there is no safe guess)"), p);
    }

    @Test
    void a_journal_section_with_two_mistakes_reports_both_at_their_lines() {
        List<String> p = problems(SiteConfigLoaderTest.HEADER + """
                journal:
                  retainMaxAgeDays: forever
                  groupCommitMaxMs: 99999
                """);
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("site.yaml:12: journal.retainMaxAgeDays: expected a whole number"), p.get(0));
        assertTrue(p.get(1).startsWith("site.yaml:13: journal.groupCommitMaxMs: must be 1..5000"), p.get(1));
    }

    @Test
    void an_mqtt_section_with_two_mistakes_reports_both() {
        List<String> p = problems(SiteConfigLoaderTest.HEADER + """
                mqtt:
                  broker: url
                  url: "http://broker.local"
                  prot: 1883
                """);
        assertEquals(2, p.size(), p.toString());
    }
}
