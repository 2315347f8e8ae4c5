package org.lockstep.controller.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lockstep.controller.core.Site;

/**
 * A site file that passed every check: the core's view of the building, the wiring of every controller (including
 * controllers with nothing wired yet), and the warnings worth showing but not worth refusing the file for.
 *
 * @param wiring controller id → its wiring, in file order
 * @param warnings e.g. a zone with no doors, an operator with no permissions; in file order
 */
public record SiteConfig(Path file, Site site, Map<String, ControllerWiring> wiring, List<ConfigProblem> warnings) {
    public SiteConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(site, "site");
        wiring = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(wiring, "wiring")));
        warnings = List.copyOf(warnings);
        for (var c : site.controllers()) {
            if (!wiring.containsKey(c.id())) {
                throw new IllegalArgumentException("wiring for controller " + c.id() + " is missing");
            }
        }
    }

    public Optional<ControllerWiring> wiringOf(String controllerId) {
        return Optional.ofNullable(wiring.get(controllerId));
    }
}
