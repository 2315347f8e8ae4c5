package org.lockstep.controller.core;

/** What a door is for; the response plan says what each mode does to each role. */
public enum DoorRole {
    CLASSROOM,
    EXTERIOR,
    OFFICE,
    GYM,
    CAFETERIA,
    LIBRARY,
    CORRIDOR,
    STAFF
}
