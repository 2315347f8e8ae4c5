package org.lockstep.console;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The retained {@code <prefix>/site/summary} (docs/mqtt.md, Site summary): what a console that is not ours (Home
 * Assistant, Node-RED) would otherwise have to count from every retained door status. Made from the console's
 * picture ({@link ConsoleState#snapshot}), so it says exactly what the page says: a door counts as secured only when
 * its status is SECURED and current (a door whose controller's last will says offline is OFFLINE, not secured).
 *
 * <p>Pure: a picture in, a JSON value out. {@link #content} is the summary without its time, which is what decides
 * whether anything changed.
 */
final class SiteSummary {
    /** Payload schema version; a consumer checks it before reading the rest. */
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SiteSummary() {}

    /** The summary of {@code picture} without {@code asOf}: equal contents mean nothing to publish. */
    static ObjectNode content(String siteId, ObjectNode picture) {
        ObjectNode root = JSON.createObjectNode();
        root.put("v", VERSION);
        root.put("site", siteId);
        root.put("live", picture.path("brokerUp").asBoolean(false));
        int doors = 0;
        int secured = 0;
        ObjectNode siteNot = JSON.createObjectNode();
        ObjectNode zones = JSON.createObjectNode();
        for (JsonNode z : picture.path("zones")) {
            ObjectNode zn = zones.putObject(z.path("id").asText());
            // Verified modes only: an unverified one (a site without controller keys) could be anyone's forgery, and a
            // retained summary would pass it on to every dashboard as fact. It is there, named as unverified.
            boolean verified = z.path("trust").asText().equals("VERIFIED");
            zn.put("mode", verified ? z.path("mode").asText() : "UNKNOWN");
            if (z.path("trust").asText().equals("UNVERIFIED")) {
                zn.put("unverifiedMode", z.path("mode").asText());
            }
            zn.put("drill", verified && z.path("drill").asBoolean(false));
            int zoneDoors = 0;
            int zoneSecured = 0;
            ObjectNode not = JSON.createObjectNode();
            for (JsonNode d : z.path("doors")) {
                zoneDoors++;
                String status = d.path("status").asText();
                if (status.equals("SECURED") && !d.path("stale").asBoolean(true)) {
                    zoneSecured++;
                } else {
                    not.put(d.path("id").asText(), status);
                    siteNot.put(d.path("id").asText(), status);
                }
            }
            zn.put("doors", zoneDoors);
            zn.put("secured", zoneSecured);
            zn.set("notSecured", not);
            doors += zoneDoors;
            secured += zoneSecured;
        }
        root.put("doors", doors);
        root.put("secured", secured);
        root.set("notSecured", siteNot);
        root.set("zones", zones);
        return root;
    }

    /** The payload: {@link #content} with the time it was true. */
    static ObjectNode of(String siteId, ObjectNode picture, long nowMs) {
        ObjectNode n = content(siteId, picture);
        n.put("asOf", Instant.ofEpochMilli(nowMs).toString());
        return n;
    }

    /**
     * The console's last will on the summary topic, and what it leaves when it stops: not live, and no counts at all,
     * so a dashboard can never show a stale "0 not secured" as current.
     */
    static ObjectNode notLive(String siteId, String reason) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", VERSION);
        n.put("site", siteId);
        n.put("live", false);
        n.put("reason", reason);
        return n;
    }
}
