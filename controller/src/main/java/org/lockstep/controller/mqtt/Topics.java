package org.lockstep.controller.mqtt;

import java.util.Objects;
import java.util.Optional;

import org.lockstep.controller.config.MqttSettings;

/**
 * The topic tree under the prefix ({@code lockstep/<site-id>} by default). Documented in {@code docs/mqtt.md} and
 * {@code docs/asyncapi.yaml}; this class is the one place that spells it.
 */
public record Topics(String prefix) {
    /** The topic tree of the site's MQTT settings. */
    public static Topics of(MqttSettings settings) {
        return new Topics(settings.topicPrefix());
    }

    public Topics {
        MqttSettings.requireValidPrefix(prefix);
    }

    public String availability(String controllerId) {
        return prefix + "/controller/" + controllerId + "/availability";
    }

    /**
     * Retained facts about the controller for the fleet view ({@link ControllerInfo}): version, site-file hash, start
     * time, journal health, zone modes. The availability topic stays plain {@code online}/{@code offline}: consoles
     * such as Home Assistant read it.
     */
    public String info(String controllerId) {
        return prefix + "/controller/" + controllerId + "/info";
    }

    /** Retained counts of what the uplink queued, dropped and resent. */
    public String health(String controllerId) {
        return prefix + "/controller/" + controllerId + "/uplink";
    }

    public String zoneMode(String zoneId) {
        return prefix + "/zone/" + zoneId + "/mode";
    }

    /** Whether a topic is some zone's mode ({@code <p>/zone/<zone>/mode}). */
    public boolean isZoneMode(String topic) {
        String head = prefix + "/zone/";
        return topic.startsWith(head) && topic.endsWith("/mode") && topic.length() > head.length() + "/mode".length()
                && topic.indexOf('/', head.length()) == topic.length() - "/mode".length();
    }

    /** The zone a zone-mode topic names ({@code <p>/zone/<zone>/mode}), if it is one. */
    public Optional<String> zoneOfModeTopic(String topic) {
        if (!isZoneMode(topic)) {
            return Optional.empty();
        }
        return Optional.of(topic.substring((prefix + "/zone/").length(), topic.length() - "/mode".length()));
    }

    public String doorStatus(String doorId) {
        return prefix + "/door/" + doorId + "/status";
    }

    /**
     * The retained site summary (per zone: mode, drill, doors, secured, the doors not secured), published by
     * {@code lockstep console}, never by a controller (docs/mqtt.md, Site summary).
     */
    public String siteSummary() {
        return prefix + "/site/summary";
    }

    public String alert() {
        return prefix + "/alert";
    }

    public String event() {
        return prefix + "/event";
    }

    public String cmdSite() {
        return prefix + "/cmd/site";
    }

    public String cmdZone(String zoneId) {
        return prefix + "/cmd/zone/" + zoneId;
    }

    public String cmdZoneFilter() {
        return prefix + "/cmd/zone/+";
    }

    public String cmdController(String controllerId) {
        return prefix + "/cmd/controller/" + controllerId;
    }

    /** Each controller answers each command for itself: subscribe to {@code cmd/result/<id>/+} for every answer. */
    public String cmdResult(String commandId, String controllerId) {
        return prefix + "/cmd/result/" + commandId + "/" + controllerId;
    }

    /** Where answers to commands without a usable id go (malformed JSON, no id, bad id). */
    public static final String NO_ID = "_invalid";

    /** Requests started on one controller (panic button, detector) that every controller acts on. */
    public String bus() {
        return prefix + "/bus/request";
    }

    public String simFilter() {
        return prefix + "/sim/#";
    }

    public String sim(String rest) {
        return prefix + "/sim/" + rest;
    }

    /** Where rejected sim control messages are answered. */
    public String simRejected() {
        return prefix + "/sim/rejected";
    }

    /** The command target a topic names, if it is a command topic. */
    public Optional<CommandTarget> commandTarget(String topic) {
        String root = prefix + "/cmd/";
        if (!topic.startsWith(root)) {
            return Optional.empty();
        }
        String rest = topic.substring(root.length());
        if (rest.equals("site")) {
            return Optional.of(new CommandTarget.Site());
        }
        if (rest.startsWith("zone/") && rest.indexOf('/', 5) < 0) {
            return Optional.of(new CommandTarget.Zone(rest.substring(5)));
        }
        if (rest.startsWith("controller/") && rest.indexOf('/', 11) < 0) {
            return Optional.of(new CommandTarget.Controller(rest.substring(11)));
        }
        return Optional.empty();
    }

    /** Which command topic a command came in on: it decides the scope. */
    public sealed interface CommandTarget {
        record Site() implements CommandTarget {}

        record Zone(String zoneId) implements CommandTarget {}

        /** Only this controller acts (e.g. to catch up one that missed a command while offline). */
        record Controller(String controllerId) implements CommandTarget {}
    }
}
