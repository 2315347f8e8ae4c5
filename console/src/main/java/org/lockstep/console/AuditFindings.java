package org.lockstep.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.Site;

/**
 * Each door's last lock-audit finding as {@code lockstep audit} published it (retained {@code audit/door/<door>}):
 * shown on the door's details, and the failing doors listed together. Only doors of the site file (the decoder
 * refuses others), so it is bounded by the site. Not thread-safe: {@link ConsoleState}'s lock.
 */
final class AuditFindings {
    private final Site site;
    private final Map<String, ConsoleDecoder.Update.Finding> last = new LinkedHashMap<>();

    AuditFindings(Site site) {
        this.site = site;
    }

    void put(String doorId, Optional<ConsoleDecoder.Update.Finding> finding) {
        finding.ifPresentOrElse(f -> last.put(doorId, f), () -> last.remove(doorId));
    }

    /** The door's {@code audit} field: null when it has no finding. */
    void describe(String doorId, ObjectNode door) {
        ConsoleDecoder.Update.Finding f = last.get(doorId);
        if (f == null) {
            door.putNull("audit");
            return;
        }
        ObjectNode a = door.putObject("audit");
        a.put("result", f.passed() ? "PASSED" : "FAILED");
        a.put("detail", f.detail());
        a.put("at", f.at());
    }

    /** {@code auditFailing}: the doors whose last finding failed, in site-file order. */
    void failing(ObjectNode root) {
        ArrayNode arr = root.putArray("auditFailing");
        for (DoorSpec d : site.doors()) {
            ConsoleDecoder.Update.Finding f = last.get(d.id());
            if (f != null && !f.passed()) {
                arr.addObject().put("id", d.id()).put("room", d.room()).put("zone", d.zone())
                        .put("detail", f.detail()).put("at", f.at());
            }
        }
        root.put("auditedDoors", last.size());
    }
}
