package org.lockstep.controller.config;

/**
 * What an orderly stop of the controller ({@code systemctl stop}, an upgrade) leaves on its lock relays. A power cut or
 * a killed process is the wiring's business either way (docs/WIRING.md).
 */
public enum RelayShutdown {
    /** Every relay de-energised, as a power cut would leave it: fail-safe locks unlock, fail-secure locks lock. */
    DE_ENERGISE,
    /**
     * Every relay left as last driven, so a restart during a lockdown does not release fail-safe locks (maglocks)
     * for the seconds until the controller is back. The pins keep their level only while the board has power.
     */
    HOLD
}
