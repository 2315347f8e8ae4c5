package org.lockstep.controller.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;

import org.lockstep.controller.config.DidYouMean;

/** A command's arguments: {@code --name value} options, {@code --flag}s, and positionals. Unknown options are errors. */
public final class Args {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    /** Thrown for a usage mistake; the message says what to type instead. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    /**
     * Thrown by {@link #parse} in parse-only mode once the arguments are known to be good, so that nothing after the
     * parse runs: how the docs check asks the real CLI whether a documented command line is valid.
     */
    static final class Parsed extends RuntimeException {
        Parsed() {
            super("parsed", null, false, false);
        }
    }

    private static final ThreadLocal<Boolean> PARSE_ONLY = ThreadLocal.withInitial(() -> false);

    /** Runs {@code body} (a command dispatch) with every {@link #parse} on this thread stopping after the parse. */
    static int parsingOnly(IntSupplier body) {
        PARSE_ONLY.set(true);
        try {
            return body.getAsInt();
        } finally {
            PARSE_ONLY.remove();
        }
    }

    public static Args parse(List<String> argv, Set<String> valued, Set<String> flags) throws UsageException {
        Args a = new Args();
        for (int i = 0; i < argv.size(); i++) {
            String s = argv.get(i);
            if (s.startsWith("--")) {
                String name = s;
                String value = null;
                int eq = s.indexOf('=');
                if (eq > 0) {
                    name = s.substring(0, eq);
                    value = s.substring(eq + 1);
                }
                if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= argv.size()) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = argv.get(++i);
                    }
                    a.options.put(name, value);
                } else if (flags.contains(name) && value == null) {
                    a.options.put(name, "true");
                } else if (flags.contains(name)) {
                    throw new UsageException(name + " takes no value, found '" + s + "'");
                } else {
                    Set<String> known = new TreeSet<>(valued);
                    known.addAll(flags);
                    throw new UsageException("unknown option " + s + DidYouMean.closest(name, known)
                            .map(k -> "; did you mean " + k + "?").orElse(known.isEmpty() ? "; it takes no options"
                                    : "; expected one of " + String.join(", ", known)));
                }
            } else {
                a.positionals.add(s);
            }
        }
        if (PARSE_ONLY.get()) {
            throw new Parsed();
        }
        return a;
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public List<String> positionals() {
        return positionals;
    }

    public long longOption(String name, long dflt) throws UsageException {
        Optional<String> v = option(name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            return Long.parseLong(v.get());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " expects a whole number, found '" + v.get() + "'");
        }
    }

    public double doubleOption(String name, double dflt) throws UsageException {
        Optional<String> v = option(name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.get());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " expects a number, found '" + v.get() + "'");
        }
    }
}
