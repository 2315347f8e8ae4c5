package org.lockstep.controller.core;

import java.util.regex.Pattern;

/** The one rule for every id in a site (doors, zones, controllers, operators, devices): safe in MQTT topics and files. */
public final class Ids {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,47}");

    private Ids() {}

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** @throws IllegalArgumentException naming the field if {@code id} is not a valid id */
    public static String require(String field, String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException(field + " must be 1-48 of [a-z0-9_-] starting with a letter or digit, was "
                    + (id == null ? "missing" : "'" + id + "'"));
        }
        return id;
    }

    public static final String RULE = "1-48 characters of a-z, 0-9, '_' and '-', starting with a letter or digit";
}
