package org.lockstep.controller.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.lockstep.controller.core.Ids;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.journal.JournalSettings;
import org.lockstep.controller.trust.KeyRing;

/**
 * A site file that passed every check: the core's view of the building, the wiring of every controller (including
 * controllers with nothing wired yet), and the warnings worth showing but not worth refusing the file for.
 *
 * @param siteId the site's id ({@code site.id}, or made from its name): the default MQTT topic prefix
 * @param wiring controller id → its wiring, in file order
 * @param journal the journal's segment, retention and group-commit bounds ({@code journal:})
 * @param mqtt the broker settings ({@code mqtt:}; an embedded broker on 1883 when the section is absent)
 * @param warnings e.g. a zone with no doors, an operator with no permissions; in file order
 * @param keys the public keys of operators, consoles and controllers ({@code keys:}, docs/SECURITY.md)
 * @param map the {@code map:} section (floors, plans, the campus grid, door positions), for the console; empty when the
 *     file has none (the console then shows its list view)
 * @param consoleTls the console's certificate and key files ({@code console: tls:}), for the console alone: controllers
 *     never read them
 * @param fileSha256 the SHA-256 of the file's bytes as they were read and parsed, lowercase hex: each controller
 *     publishes it ({@code controller/<id>/info}) so {@code lockstep status} can tell when they run different files
 */
public record SiteConfig(Path file, String siteId, Site site, Map<String, ControllerWiring> wiring, MqttSettings mqtt,
        JournalSettings journal, List<ConfigProblem> warnings, KeyRing keys, String fileSha256, Optional<SiteMap> map,
        Optional<ConsoleTls> consoleTls) {
    public SiteConfig {
        Objects.requireNonNull(consoleTls, "consoleTls");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(keys, "keys");
        if (fileSha256 == null || !fileSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("fileSha256 must be 64 lowercase hex digits, was " + fileSha256);
        }
        Objects.requireNonNull(file, "file");
        Ids.require("site.id", siteId);
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(site, "site");
        wiring = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(wiring, "wiring")));
        warnings = List.copyOf(warnings);
        for (var c : site.controllers()) {
            if (!wiring.containsKey(c.id())) {
                throw new IllegalArgumentException("wiring for controller " + c.id() + " is missing");
            }
        }
    }

    /** An id made from a name: "Lincoln Middle School" → "lincoln-middle-school". */
    public static String slug(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        s = s.length() > 48 ? s.substring(0, 48).replaceAll("-+$", "") : s;
        return s.isEmpty() ? "site" : s;
    }

    /** The same site with other keys: {@code lockstep sim} provisions its own example keys. */
    public SiteConfig withKeys(KeyRing other) {
        return new SiteConfig(file, siteId, site, wiring, mqtt, journal, warnings, other, fileSha256, map, consoleTls);
    }

    /** The same site with other MQTT settings (a tool's {@code --mqtt-port}). */
    public SiteConfig withMqtt(MqttSettings other) {
        return new SiteConfig(file, siteId, site, wiring, other, journal, warnings, keys, fileSha256, map, consoleTls);
    }

    public Optional<ControllerWiring> wiringOf(String controllerId) {
        return Optional.ofNullable(wiring.get(controllerId));
    }
}
