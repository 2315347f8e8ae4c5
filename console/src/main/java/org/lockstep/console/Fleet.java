package org.lockstep.console;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lockstep.controller.core.ControllerSpec;
import org.lockstep.controller.journal.JournalHealth;
import org.lockstep.controller.mqtt.ControllerInfo;

/**
 * The controllers panel: each controller of the site file with its availability and since when, its journal's health
 * and its uplink's counts in words, and whether the controllers run the same site file. Every problem is a sentence
 * in {@code problems} (the page never says anything by colour alone). Not thread-safe: {@link ConsoleState}'s lock.
 */
final class Fleet {
    /** Hex digits of a site-file hash shown on the page: enough to tell two files apart at a glance. */
    static final int HASH_CHARS = 12;

    private static final class Controller {
        Boolean online; // null: not heard yet
        long sinceMs = -1;
        boolean sinceExact; // false: the first message this console heard, not a change it saw
        Optional<ControllerInfo> info = Optional.empty();
        Optional<UplinkCounts> uplink = Optional.empty();
    }

    private final List<ControllerSpec> specs;
    private final String consoleSiteFile;
    private final Map<String, Controller> controllers = new LinkedHashMap<>();

    /** @param consoleSiteFile the SHA-256 of the site file this console was started with; empty if not known */
    Fleet(List<ControllerSpec> specs, String consoleSiteFile) {
        this.specs = List.copyOf(specs);
        this.consoleSiteFile = consoleSiteFile;
        specs.forEach(s -> controllers.put(s.id(), new Controller()));
    }

    void availability(String id, boolean online, long nowMs) {
        Controller c = controllers.get(id);
        if (c == null || Boolean.valueOf(online).equals(c.online)) {
            return; // the same availability again (a reconnect's republish) is not a change
        }
        c.sinceExact = c.online != null;
        c.online = online;
        c.sinceMs = nowMs;
    }

    void info(String id, Optional<ControllerInfo> info) {
        Controller c = controllers.get(id);
        if (c != null) {
            c.info = info;
        }
    }

    void uplink(String id, Optional<UplinkCounts> counts) {
        Controller c = controllers.get(id);
        if (c != null) {
            c.uplink = counts;
        }
    }

    /** Fills {@code controllers} (one entry per controller of the site file) and {@code fleet} (the totals). */
    void describe(ObjectNode root) {
        Map<String, TreeSet<String>> byHash = new TreeMap<>();
        controllers.forEach((id, c) -> c.info.ifPresent(i -> byHash.computeIfAbsent(i.siteFileSha256(),
                k -> new TreeSet<>()).add(id)));
        boolean mismatch = byHash.size() > 1;
        int online = 0;
        int withProblems = 0;
        ArrayNode arr = root.putArray("controllers");
        for (ControllerSpec s : specs) {
            Controller c = controllers.get(s.id());
            ObjectNode n = arr.addObject();
            n.put("id", s.id());
            n.put("availability", c.online == null ? "unknown" : c.online ? "online" : "offline");
            n.put("since", c.sinceMs < 0 ? "" : Instant.ofEpochMilli(c.sinceMs).toString());
            n.put("sinceExact", c.sinceExact);
            online += Boolean.TRUE.equals(c.online) ? 1 : 0;
            ArrayNode problems = n.putArray("problems");
            if (!Boolean.TRUE.equals(c.online)) {
                problems.add(c.online == null ? "not heard from since this console started"
                        : "OFFLINE: its doors show their last known status only");
            }
            n.put("version", c.info.map(ControllerInfo::version).orElse(""));
            n.put("startedAt", c.info.map(i -> i.startedAt().toString()).orElse(""));
            n.put("siteFile", c.info.map(i -> i.siteFileSha256().substring(0, HASH_CHARS)).orElse(""));
            n.put("journal", c.info.map(i -> journal(i.journal(), problems)).orElse("journal health not reported yet"));
            if (mismatch && c.info.isPresent()) {
                String mine = c.info.get().siteFileSha256();
                StringBuilder others = new StringBuilder();
                byHash.forEach((hash, ids) -> {
                    if (!hash.equals(mine)) {
                        others.append(others.isEmpty() ? "" : "; ").append(String.join(", ", ids)).append(" run ")
                                .append(hash, 0, HASH_CHARS);
                    }
                });
                problems.add("SITE FILE DIFFERS: this controller runs " + mine.substring(0, HASH_CHARS) + ", "
                        + others + " (a half-rolled-out edit? copy the same site file to every controller)");
            }
            n.put("siteFileMismatch", mismatch && c.info.isPresent());
            n.put("uplink", c.uplink.map(u -> uplink(u, problems)).orElse("uplink health not reported yet"));
            withProblems += problems.isEmpty() ? 0 : 1;
        }
        ObjectNode f = root.putObject("fleet");
        f.put("online", online);
        f.put("total", specs.size());
        f.put("withProblems", withProblems);
        f.put("siteFilesDiffer", mismatch);
        String consoleShort = consoleSiteFile.length() >= HASH_CHARS ? consoleSiteFile.substring(0, HASH_CHARS) : "";
        f.put("consoleSiteFile", consoleShort);
        boolean consoleDiffers = !consoleSiteFile.isEmpty() && byHash.size() == 1
                && !byHash.containsKey(consoleSiteFile);
        f.put("consoleSiteFileDiffers", consoleDiffers);
        f.put("siteFileNote", mismatch ? "the controllers run " + byHash.size() + " different site files"
                : consoleDiffers ? "the controllers agree on a site file, but not the one this console was started with"
                        + " (" + consoleShort + "): restart the console with the controllers' file"
                        : byHash.isEmpty() ? "" : "every controller that reported runs the same site file");
    }

    private static String journal(JournalHealth j, ArrayNode problems) {
        if (!j.ok()) {
            problems.add("JOURNAL FAULT: its last journal write failed (" + j.appendFailures()
                    + " failed since it started); a restart may not remember a lockdown");
        } else if (j.appendFailures() > 0) {
            problems.add("journal: " + j.appendFailures() + " failed writes since it started (writing again now)");
        }
        if (!j.persistent()) {
            problems.add("journal in memory only: a restart forgets a lockdown");
        }
        if (j.openProblems() > 0) {
            problems.add("journal: " + j.openProblems() + " problem(s) found when it was opened (cut or damaged"
                    + " records skipped)");
        }
        return (j.ok() ? "journal OK" : "JOURNAL FAULT") + (j.persistent() ? " (on disk)" : " (memory only)");
    }

    private static String uplink(UplinkCounts u, ArrayNode problems) {
        if (u.forged() > 0) {
            problems.add("FORGED: refused " + u.forged() + " peer message(s) not signed by the controller they name:"
                    + " someone on the broker is publishing as a controller");
        }
        if (u.dropped() > 0) {
            problems.add("dropped " + u.dropped() + " message(s) while it could not reach the broker: see its"
                    + " UPLINK_DROPPED alert and its journal");
        }
        return u.words();
    }
}
