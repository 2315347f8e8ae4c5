package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code lockstep audit --sim}: the lock audit of a simulated school, faults injected. */
class SimAuditCommandTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... argv) {
        return Main.run(List.of(argv), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void injected_faults_fail_their_doors_and_the_exit_status_says_so() {
        assertEquals(1, run("audit", "--sim", "--config", MainTest.SITE, "--zones", "east", "--inject",
                "jam:c101,cut:c105"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("FAIL c101") && text.contains("bolt did not throw"), text);
        assertTrue(text.contains("FAIL c105") && text.contains("door position reads open"), text);
        assertTrue(text.contains("PASS c102"), text);
        assertTrue(text.contains("audit 1/13: east-exit"), "plain progress lines when not a terminal: " + text);
        assertTrue(text.contains("11 passed, 2 failed"), text);
    }

    @Test
    void healthy_doors_pass_with_exit_0() {
        assertEquals(0, run("audit", "--sim", "--config", MainTest.SITE, "--doors", "c102,c103"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("2 passed, 0 failed"));
    }

    @Test
    void an_unknown_fault_is_a_usage_mistake() {
        assertEquals(64, run("audit", "--sim", "--config", MainTest.SITE, "--inject", "melt:c101"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown fault 'melt'"), err.toString());
    }
}
