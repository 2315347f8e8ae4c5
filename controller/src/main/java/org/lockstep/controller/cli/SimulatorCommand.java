package org.lockstep.controller.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code lockstep sim} as the simulator module provides it (found with {@link java.util.ServiceLoader}). The firmware
 * package carries no simulator, so on a controller {@code lockstep sim} says where to find one instead.
 */
public interface SimulatorCommand {
    String help();

    /** Runs the simulated school; parses {@code argv} with {@link Args} so the docs check can parse it too. */
    int run(List<String> argv, PrintStream out, PrintStream err) throws Args.UsageException;

    /** What a controller says when asked for a simulator tool. */
    static Args.UsageException notInstalled(String what) {
        return new Args.UsageException(what + " is part of the simulator, which this installation does not have (the"
                + " lockstep package carries only the controller firmware): run it from a source checkout with"
                + " ./lockstep, or use the live form against the site's broker");
    }
}
