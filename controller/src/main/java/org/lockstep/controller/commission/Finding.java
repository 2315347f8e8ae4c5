package org.lockstep.controller.commission;

import java.util.Objects;

/**
 * One device's commissioning result.
 *
 * @param where the door's room, or the device's location
 * @param reason what was seen (PASS) or what was not and what to check (FAIL)
 */
public record Finding(Kind kind, String deviceId, String where, boolean passed, String reason) {
    public enum Kind {
        DOOR("door"), FIRE_INPUT("fire input"), DETECTOR("detector"), PANIC_BUTTON("panic button");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(reason, "reason");
    }
}
