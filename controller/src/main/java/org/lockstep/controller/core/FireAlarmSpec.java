package org.lockstep.controller.core;

/** A fire-alarm panel input wired to a controller (a dry contact from the panel). */
public record FireAlarmSpec(String id, String controller) {
    public FireAlarmSpec {
        Ids.require("fireAlarm.id", id);
        Ids.require("fireAlarm.controller", controller);
    }
}
