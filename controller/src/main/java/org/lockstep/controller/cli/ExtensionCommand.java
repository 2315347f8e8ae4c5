package org.lockstep.controller.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A {@code lockstep} command that another module provides (found with {@link ServiceLoader}): the simulator's
 * {@code sim}. The firmware package ships only the controller, so there such a command says where to find it instead.
 */
public interface ExtensionCommand {
    /** The command's name, as typed after {@code lockstep}. */
    String name();

    String help();

    /** Runs the command; parses {@code argv} with {@link Args} so the docs check can parse it too. */
    int run(List<String> argv, PrintStream out, PrintStream err) throws Args.UsageException;

    /** The installed command called {@code name}, if any. */
    static Optional<ExtensionCommand> find(String name) {
        return ServiceLoader.load(ExtensionCommand.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c.name().equals(name)).findFirst();
    }

    /** What a controller says when asked for a simulator tool. */
    static Args.UsageException notInstalled(String what) {
        return new Args.UsageException(what + " is part of the simulator, which this installation does not have (the"
                + " lockstep package carries only the controller firmware): run it from a source checkout with"
                + " ./lockstep, or use the live form against the site's broker");
    }
}
