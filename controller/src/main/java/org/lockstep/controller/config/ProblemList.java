package org.lockstep.controller.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects errors and warnings while a file is read, so all of them are reported at once. */
final class ProblemList {
    /** Past this many errors the rest are counted, not listed: a wrong file should not print thousands of lines. */
    static final int MAX_ERRORS = 100;

    private final String file;
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();
    private int errorsNotListed;

    ProblemList(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void error(int line, String path, String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new ConfigProblem(file, line, path, message));
        } else {
            errorsNotListed++;
        }
    }

    void warn(int line, String path, String message) {
        if (warnings.size() < MAX_ERRORS) {
            warnings.add(new ConfigProblem(file, line, path, message));
        }
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Whether an error was already reported at this field or inside it (so a follow-on message can be skipped). */
    boolean hasErrorsAt(YamlCursor at) {
        String path = at.path();
        return errors.stream().anyMatch(p -> p.path().equals(path) || p.path().startsWith(path + ".")
                || p.path().startsWith(path + "["));
    }

    /** In file order (stable, so problems on one line keep the order they were found in). */
    List<ConfigProblem> errors() {
        List<ConfigProblem> sorted = inFileOrder(errors);
        if (errorsNotListed > 0) {
            sorted.add(new ConfigProblem(file, 0, "", errorsNotListed + " more errors not listed (limit " + MAX_ERRORS + ")"));
        }
        return List.copyOf(sorted);
    }

    List<ConfigProblem> warnings() {
        return List.copyOf(inFileOrder(warnings));
    }

    private static List<ConfigProblem> inFileOrder(List<ConfigProblem> problems) {
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(ConfigProblem::line));
        return sorted;
    }
}
