package org.lockstep.controller.trust;

/** Keeps text from outside short in messages. */
final class CommandText {
    private CommandText() {}

    static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
