package org.lockstep.controller.config;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.lockstep.controller.journal.JournalSettings;

/**
 * The {@code journal:} section's fields, each checked on its own by {@link JournalSettings#fromMap} (which stops at
 * its first problem), so that a section with two mistakes reports both, each as {@code journal.<field>: ...}.
 */
final class JournalFields {
    private JournalFields() {}

    /** @return whether any field was wrong (each one reported to {@code report}) */
    static boolean reportEach(Optional<Map<String, Object>> section, Consumer<String> report) {
        boolean wrong = false;
        for (Map.Entry<String, Object> field : section.orElse(Map.of()).entrySet()) {
            try {
                JournalSettings.fromMap(Collections.singletonMap(field.getKey(), field.getValue()));
            } catch (IllegalArgumentException e) {
                report.accept(named("journal." + field.getKey(), e.getMessage()));
                wrong = true;
            }
        }
        return wrong;
    }

    /** "journal.x: ..." whatever shape the message had ("journal.x must be ..." included). */
    static String named(String field, String message) {
        if (message.startsWith(field + ": ")) {
            return message;
        }
        return field + ": " + (message.startsWith(field + " ") ? message.substring(field.length() + 1) : message);
    }
}
