package org.lockstep.simulator;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;

/**
 * A fixed slice of the seeded simulation: the same seeds on every run, so mutation testing (the {@code pit} profile)
 * sees the same verdict twice and a survivor is a survivor, not bad luck. {@link SeededSimulationTest} draws fresh
 * seeds for breadth.
 */
class PinnedSeedsTest {
    private static SiteConfig config;

    @BeforeAll
    static void loadSite() throws Exception {
        config = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {2L, 13L, 21L, 20261204L})
    void every_invariant_holds_for_a_pinned_seed(long seed) {
        new SimulationRun(config, seed).run(250);
    }
}
