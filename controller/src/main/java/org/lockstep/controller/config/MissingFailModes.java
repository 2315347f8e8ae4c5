package org.lockstep.controller.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lockstep.hal.device.FailMode;

/**
 * Doors that state no {@code relay.failMode} while {@code doorDefaults} gives none either. One door is told at its own
 * line; when several are, the missing default is the mistake, so it is one problem at {@code doorDefaults} (not one
 * per door: a file missing the default would otherwise print a line for every door of the school).
 */
final class MissingFailModes {
    /** How many door ids the one-line report names before it says "and N more". */
    static final int NAMED_DOORS = 4;

    private record Missing(YamlCursor at, Optional<String> doorId) {}

    private final List<Missing> missing = new ArrayList<>();

    void add(YamlCursor failModeAt, Optional<String> doorId) {
        missing.add(new Missing(failModeAt, doorId));
    }

    /** Reports what was collected: at the door for one, at {@code doorDefaults} (or {@code doors}) for several. */
    void report(YamlCursor doorDefaults, YamlCursor doors) {
        String choices = YamlCursor.yamlNames(FailMode.values());
        if (missing.size() == 1) {
            missing.getFirst().at().error("required here or in doorDefaults.relay.failMode: " + choices
                    + " (the lock's type decides; there is no safe guess)");
            return;
        }
        if (missing.isEmpty()) {
            return;
        }
        List<String> ids = missing.stream().map(m -> m.doorId().orElse(m.at().path())).toList();
        String named = String.join(", ", ids.subList(0, Math.min(NAMED_DOORS, ids.size())))
                + (ids.size() > NAMED_DOORS ? " and " + (ids.size() - NAMED_DOORS) + " more" : "");
        String message = "relay.failMode: missing, and " + ids.size() + " doors do not state their own (" + named
                + "): say here what the usual lock does without power (relay: { failMode: ... }, one of " + choices
                + "), and on each door whose lock differs (the lock's type decides; there is no safe guess)";
        if (doorDefaults.isPresent()) {
            doorDefaults.error(message);
        } else {
            doors.error("no doorDefaults section: " + message.replace("say here", "add a doorDefaults section saying"));
        }
    }
}
