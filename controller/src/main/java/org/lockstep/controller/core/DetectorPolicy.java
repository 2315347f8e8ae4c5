package org.lockstep.controller.core;

/** What a weapon detection does. Detectors raise false alarms, so this is chosen per detector. */
public enum DetectorPolicy {
    /** Alert and start a lockdown of the detector's configured scope. */
    AUTO_LOCKDOWN,
    /** Alert only; a person decides. */
    ALERT_ONLY
}
