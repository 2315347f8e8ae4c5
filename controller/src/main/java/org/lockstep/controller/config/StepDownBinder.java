package org.lockstep.controller.config;

import java.util.List;
import java.util.Optional;

import org.lockstep.controller.core.DoorRole;
import org.lockstep.controller.core.ResponsePlan;
import org.lockstep.controller.core.StepDown;

/**
 * The site file's {@code plan.stepDown}: door role → {@code stay-locked | normal-plan}, what a door whose plan says
 * {@code leave} does when its zone steps down from LOCKDOWN to SECURE. Unlisted roles keep
 * {@link ResponsePlan#standardStepDown()}.
 */
final class StepDownBinder {
    static final String KEY = "stepDown";

    private StepDownBinder() {}

    static ResponsePlan bind(YamlCursor at, ResponsePlan plan) {
        for (YamlMap.Entry cell : at.anyMap().map(YamlMap::entries).orElse(List.of())) {
            Optional<DoorRole> role = SiteBinder.key(cell, DoorRole.class, "door role");
            Optional<StepDown> step = cell.value().choice(StepDown.class);
            if (role.isPresent() && step.isPresent()) {
                plan = plan.withStepDown(role.get(), step.get());
            }
        }
        return plan;
    }
}
