package org.lockstep.console;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lockstep.controller.core.Mode;

/** One incident of the drill log ({@link IncidentLog}), as it stands; not thread-safe: the log's owner's lock. */
final class LoggedIncident {
    final String id;
    final long startMs;
    final boolean startSeen; // false: the zone was already out of NORMAL when this console first heard it
    final String trigger;
    final String reason;
    final Set<String> zones = new LinkedHashSet<>();
    final Set<String> everSecured = new LinkedHashSet<>();
    final List<IncidentRecord.Gap> gaps = new ArrayList<>();
    Mode mode;
    boolean drill;
    long allSecuredMs = -1;
    long endMs = -1;
    String endedBy = "";
    /**
     * Its description once it can no longer change (ended, every door secured): built once, not on every push.
     * Shared by every snapshot, so never changed after it is made.
     */
    ObjectNode settled;

    LoggedIncident(String id, long startMs, boolean startSeen, Mode mode, boolean drill, String trigger, String reason) {
        this.id = id;
        this.startMs = startMs;
        this.startSeen = startSeen;
        this.mode = mode;
        this.drill = drill;
        this.trigger = trigger;
        this.reason = reason;
    }

    IncidentRecord record(long nowMs) {
        return new IncidentRecord(id, mode, drill, List.copyOf(zones), startMs, startSeen, trigger, reason,
                List.copyOf(everSecured), allSecuredMs, endMs, endedBy, Math.max(nowMs, startMs), gaps);
    }

    static LoggedIncident of(IncidentRecord r) {
        LoggedIncident i = new LoggedIncident(r.id(), r.startMs(), r.startSeen(), r.mode(), r.drill(), r.trigger(), r.reason());
        i.zones.addAll(r.zones());
        i.everSecured.addAll(r.everSecured());
        i.gaps.addAll(r.gaps());
        i.allSecuredMs = r.allSecuredMs();
        i.endMs = r.endMs();
        i.endedBy = r.endedBy();
        return i;
    }

    /** The console was not watching from {@code fromMs} to {@code toMs}; past the limit the last gap stretches. */
    void gap(long fromMs, long toMs) {
        long from = Math.min(Math.max(fromMs, startMs), toMs);
        if (gaps.size() < IncidentRecord.MAX_GAPS) {
            gaps.add(new IncidentRecord.Gap(from, toMs));
        } else {
            gaps.set(gaps.size() - 1, new IncidentRecord.Gap(gaps.getLast().fromMs(), Math.max(toMs,
                    gaps.getLast().fromMs())));
        }
    }
}
