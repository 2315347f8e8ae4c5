package org.lockstep.controller.broker;

import java.util.Objects;

import org.lockstep.controller.core.Ids;

/**
 * One broker login. Every controller, console, office device and audit tool has its own, so a stolen device costs its
 * own rights only, and the broker log says who did what.
 */
public record BrokerAccount(String name, Role role) {
    public enum Role {
        /** Publishes only its own subtree, its doors, zone modes, alerts, events, site-bus requests, its results. */
        CONTROLLER,
        /** Reads everything; may send site and zone commands (never retained). */
        CONSOLE,
        /** A console that may also write {@code cmd/controller/<id>} (resend a missed ALL CLEAR). */
        OFFICE,
        /** {@code lockstep audit}: test locks on {@code cmd/controller/<id>}, findings on {@code audit/door/<door>}. */
        AUDIT
    }

    public BrokerAccount {
        Ids.require("account name", name);
        Objects.requireNonNull(role, "role");
    }
}
