package org.lockstep.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;

/**
 * Thousands of random event-and-fault sequences over the example school, invariants checked after every step
 * (docs/SAFETY.md). {@code -Dlockstep.sim.runs=N} sets how many (1,000 in {@code mvn verify}, 20,000 with
 * {@code -Plong}); {@code -Dlockstep.sim.seed=S} replays one seed exactly; {@code -Dlockstep.sim.steps=N} sets the
 * steps per run.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SeededSimulationTest {
    private static SiteConfig config;

    @BeforeAll
    static void loadSite() throws Exception {
        config = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
    }

    @Test
    void every_invariant_holds_after_every_step_of_every_seeded_run() {
        int steps = Integer.getInteger("lockstep.sim.steps", 200);
        String one = System.getProperty("lockstep.sim.seed");
        if (one != null && !one.isBlank()) {
            new SimulationRun(config, Long.parseLong(one.strip())).run(steps);
            return;
        }
        int runs = Integer.getInteger("lockstep.sim.runs", 1000);
        // The seeds themselves come from a printed master seed, so a whole campaign can be repeated too.
        long master = Long.getLong("lockstep.sim.master", System.nanoTime());
        System.out.println("SeededSimulationTest: " + runs + " runs x " + steps + " steps, master seed " + master);
        Random seeds = new Random(master);
        for (int i = 0; i < runs; i++) {
            new SimulationRun(config, seeds.nextLong()).run(steps);
        }
    }

    @Test
    void the_same_seed_gives_a_byte_identical_command_log() {
        long seed = 20261123L;
        SimulationRun first = new SimulationRun(config, seed);
        first.run(300);
        SimulationRun second = new SimulationRun(config, seed);
        second.run(300);
        assertTrue(first.log().length() > 10_000, "the log records the run");
        assertEquals(first.log(), second.log());
    }
}
