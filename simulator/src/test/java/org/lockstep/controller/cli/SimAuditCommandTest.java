package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockstep.controller.cli.MainTest.run;

import org.junit.jupiter.api.Test;
import org.lockstep.controller.cli.MainTest.Result;

/** {@code lockstep audit --sim}: the lock audit of a simulated school, faults injected. */
class SimAuditCommandTest {
    @Test
    void injected_faults_fail_their_doors_and_the_exit_status_says_so() {
        Result r = run("audit", "--sim", "--config", MainTest.SITE, "--zones", "east", "--inject", "jam:c101,cut:c105");
        assertEquals(1, r.code(), r.err());
        String text = r.out();
        assertTrue(text.contains("FAIL c101") && text.contains("bolt did not throw"), text);
        assertTrue(text.contains("FAIL c105") && text.contains("door position reads open"), text);
        assertTrue(text.contains("PASS c102"), text);
        assertTrue(text.contains("audit 1/13: east-exit"), "plain progress lines when not a terminal: " + text);
        assertTrue(text.contains("11 passed, 2 failed"), text);
    }

    @Test
    void healthy_doors_pass_with_exit_0() {
        Result r = run("audit", "--sim", "--config", MainTest.SITE, "--doors", "c102,c103");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 passed, 0 failed"), r.out());
    }

    @Test
    void an_unknown_fault_is_a_usage_mistake() {
        Result r = run("audit", "--sim", "--config", MainTest.SITE, "--inject", "melt:c101");
        assertEquals(64, r.code());
        assertTrue(r.err().contains("unknown fault 'melt'"), r.err());
    }
}
