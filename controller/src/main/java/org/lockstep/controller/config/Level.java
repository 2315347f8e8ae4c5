package org.lockstep.controller.config;

/** A pin level as the site file says it ({@code high} / {@code low}). */
enum Level {
    HIGH,
    LOW;

    boolean isHigh() {
        return this == HIGH;
    }
}
