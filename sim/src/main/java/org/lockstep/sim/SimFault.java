package org.lockstep.sim;

import java.util.Objects;

/**
 * A fault the simulated building can suffer, as a value, so a seeded simulator can draw one, inject it, log it and
 * repair it. See {@link SimBuilding#inject(SimFault)} and {@link SimBuilding#repair(SimFault)}.
 */
public sealed interface SimFault {
    /** The device or controller the fault is in. */
    String targetId();

    /** Relay contacts welded: writes succeed, the bolt stays. */
    record RelayStuck(String doorId) implements SimFault {
        public RelayStuck {
            Objects.requireNonNull(doorId, "doorId");
        }

        @Override
        public String targetId() {
            return doorId;
        }
    }

    /** The relay driver refuses writes: the port throws. */
    record RelayWriteFails(String doorId) implements SimFault {
        public RelayWriteFails {
            Objects.requireNonNull(doorId, "doorId");
        }

        @Override
        public String targetId() {
            return doorId;
        }
    }

    /** The bolt does not move. */
    record BoltJammed(String doorId) implements SimFault {
        public BoltJammed {
            Objects.requireNonNull(doorId, "doorId");
        }

        @Override
        public String targetId() {
            return doorId;
        }
    }

    /** The door contact's loop is cut: reads open, follows nothing. */
    record ContactWireCut(String doorId) implements SimFault {
        public ContactWireCut {
            Objects.requireNonNull(doorId, "doorId");
        }

        @Override
        public String targetId() {
            return doorId;
        }
    }

    /** The bolt monitor's wire is cut: reads not engaged. */
    record BoltWireCut(String doorId) implements SimFault {
        public BoltWireCut {
            Objects.requireNonNull(doorId, "doorId");
        }

        @Override
        public String targetId() {
            return doorId;
        }
    }

    /** A controller loses power: its relays drop out, its ports die until restored. */
    record PowerCut(String controllerId) implements SimFault {
        public PowerCut {
            Objects.requireNonNull(controllerId, "controllerId");
        }

        @Override
        public String targetId() {
            return controllerId;
        }
    }
}
