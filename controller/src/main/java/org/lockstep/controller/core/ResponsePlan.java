package org.lockstep.controller.core;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Mode → door role → action. NORMAL must say LOCK or UNLOCK for every role, because the ALL CLEAR returns each door
 * to its NORMAL-plan state rather than blindly unlocking it. LOCKDOWN may not say UNLOCK.
 *
 * @param stepDown role → what LEAVE means when a zone steps down to a less severe mode that is not NORMAL (LOCKDOWN
 *     to SECURE); by default what Standard Response Protocol describes: the perimeter stays locked, every other
 *     door returns to its NORMAL plan
 */
public record ResponsePlan(Map<Mode, Map<DoorRole, DoorAction>> actions, Map<DoorRole, StepDown> stepDown) {
    public ResponsePlan(Map<Mode, Map<DoorRole, DoorAction>> actions) {
        this(actions, standardStepDown());
    }

    public ResponsePlan {
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(stepDown, "stepDown");
        EnumMap<DoorRole, StepDown> steps = new EnumMap<>(DoorRole.class);
        for (DoorRole role : DoorRole.values()) {
            StepDown step = stepDown.get(role);
            if (step == null) {
                throw new IllegalArgumentException("plan.stepDown." + role + " is missing");
            }
            steps.put(role, step);
        }
        stepDown = Map.copyOf(steps);
        EnumMap<Mode, Map<DoorRole, DoorAction>> copy = new EnumMap<>(Mode.class);
        for (Mode mode : Mode.values()) {
            Map<DoorRole, DoorAction> row = actions.get(mode);
            if (row == null) {
                throw new IllegalArgumentException("plan." + mode + " is missing");
            }
            for (DoorRole role : DoorRole.values()) {
                DoorAction action = row.get(role);
                if (action == null) {
                    throw new IllegalArgumentException("plan." + mode + "." + role + " is missing");
                }
                if (mode == Mode.NORMAL && action == DoorAction.LEAVE) {
                    throw new IllegalArgumentException("plan.NORMAL." + role + " must be LOCK or UNLOCK, not LEAVE");
                }
                // Safety rule 2: nothing unlocks because a lockdown started (only an all clear or the fire policy).
                if (mode == Mode.LOCKDOWN && action == DoorAction.UNLOCK) {
                    throw new IllegalArgumentException("plan.LOCKDOWN." + role
                            + " must be LOCK or LEAVE: nothing unlocks because a lockdown started");
                }
            }
            copy.put(mode, Map.copyOf(new EnumMap<>(row)));
        }
        actions = Map.copyOf(copy);
    }

    public DoorAction actionFor(Mode mode, DoorRole role) {
        return actions.get(mode).get(role);
    }

    public StepDown stepDownFor(DoorRole role) {
        return stepDown.get(role);
    }

    /** Standard Response Protocol's step-down to SECURE: exterior doors stay locked, classes carry on. */
    public static Map<DoorRole, StepDown> standardStepDown() {
        EnumMap<DoorRole, StepDown> m = new EnumMap<>(DoorRole.class);
        for (DoorRole role : DoorRole.values()) {
            m.put(role, role == DoorRole.EXTERIOR ? StepDown.STAY_LOCKED : StepDown.NORMAL_PLAN);
        }
        return m;
    }

    /** This plan with one role's step-down changed (used by the config loader). */
    public ResponsePlan withStepDown(DoorRole role, StepDown step) {
        EnumMap<DoorRole, StepDown> m = new EnumMap<>(stepDown);
        m.put(role, step);
        return new ResponsePlan(actions, m);
    }

    /**
     * Standard Response Protocol defaults: NORMAL unlocks everything but exterior doors stay as the site's day
     * schedule leaves them (unlocked here), SECURE locks the perimeter and leaves the rest, LOCKDOWN locks every
     * controlled door.
     */
    public static ResponsePlan standard() {
        EnumMap<Mode, Map<DoorRole, DoorAction>> plan = new EnumMap<>(Mode.class);
        for (Mode mode : Mode.values()) {
            EnumMap<DoorRole, DoorAction> row = new EnumMap<>(DoorRole.class);
            for (DoorRole role : DoorRole.values()) {
                row.put(role, switch (mode) {
                    case NORMAL -> DoorAction.UNLOCK;
                    case SECURE -> role == DoorRole.EXTERIOR ? DoorAction.LOCK : DoorAction.LEAVE;
                    case LOCKDOWN -> DoorAction.LOCK;
                });
            }
            plan.put(mode, row);
        }
        return new ResponsePlan(plan);
    }

    /** This plan with one cell changed (used by the config loader for overrides). */
    public ResponsePlan with(Mode mode, DoorRole role, DoorAction action) {
        EnumMap<Mode, Map<DoorRole, DoorAction>> plan = new EnumMap<>(actions);
        EnumMap<DoorRole, DoorAction> row = new EnumMap<>(plan.get(mode));
        row.put(role, action);
        plan.put(mode, row);
        return new ResponsePlan(plan, stepDown);
    }
}
