package org.lockstep.controller.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads of the {@code mqtt:} map, each adding a problem that names its field instead of throwing. */
final class MqttFields {
    private MqttFields() {}

    static Optional<String> string(Map<String, Object> m, String key, List<String> problems) {
        return string(m, key, key, problems);
    }

    static Optional<String> string(Map<String, Object> m, String key, String field, List<String> problems) {
        Object v = m.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s) || s.isBlank()) {
            problems.add("mqtt." + field + ": must be a non-empty string, was " + describe(v));
            return Optional.empty();
        }
        return Optional.of(s);
    }

    static Optional<Integer> integer(Map<String, Object> m, String key, List<String> problems) {
        Object v = m.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Integer i)) {
            problems.add("mqtt." + key + ": must be a whole number, was " + describe(v));
            return Optional.empty();
        }
        return Optional.of(i);
    }

    static Optional<Integer> bounded(Map<String, Object> m, String key, int min, int max,
            List<String> problems) {
        Object v = m.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Integer i) || i < min || i > max) {
            problems.add("mqtt.queue." + key + ": must be a whole number " + min + ".." + max + ", was " + describe(v));
            return Optional.empty();
        }
        return Optional.of(i);
    }

    static Optional<Boolean> bool(Map<String, Object> m, String field, String key, List<String> problems) {
        Object v = m.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Boolean b)) {
            problems.add("mqtt." + field + ": must be true or false, was " + describe(v));
            return Optional.empty();
        }
        return Optional.of(b);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> section(Map<String, Object> m, String key, List<String> problems) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> map)) {
            problems.add("mqtt." + key + ": must be a map, was " + describe(v));
            return null;
        }
        return (Map<String, Object>) map;
    }

    static String describe(Object v) {
        return v instanceof String s ? "'" + s + "'" : v + " (" + v.getClass().getSimpleName() + ")";
    }
}
