package org.lockstep.controller.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A site file that cannot be used, with every problem found (not just the first), so one edit-check round fixes
 * them all. Checked: a bad file is an operating error every caller must handle (print, exit non-zero).
 */
public final class ConfigException extends Exception {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** In file order. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
