package org.lockstep.controller.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** {@code --from}/{@code --to} values: an instant ({@code 2026-03-04T09:00:00Z}), a local time or a local date. */
final class TimeArg {
    private TimeArg() {}

    /** @param endOfDay a bare date means the end of that day (for {@code --to}) */
    static long parse(String option, Optional<String> value, long dflt, ZoneId zone, boolean endOfDay)
            throws Args.UsageException {
        if (value.isEmpty()) {
            return dflt;
        }
        String v = value.get();
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(v).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            LocalDate d = LocalDate.parse(v);
            return (endOfDay ? d.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 1
                    : d.atStartOfDay(zone).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            throw new Args.UsageException(option + " expects a date (2026-03-04), a local time (2026-03-04T09:30) or"
                    + " an instant (2026-03-04T09:30:00Z), found '" + v + "'");
        }
    }
}
