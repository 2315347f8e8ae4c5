package org.lockstep.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * What the firmware is made of, over every module's main classes (this module sees them all): the controller and
 * hal never reach into the simulator, the simulated building or a broker, and no package of any module is in a
 * dependency cycle.
 */
public class FirmwareBoundaryTest {
    /** Every module's main classes: not test classes, neither from a test-classes directory nor a tests jar. */
    public static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.lockstep");

    @Test
    void the_firmware_does_not_depend_on_the_simulator_or_a_broker() {
        noClasses().that().resideInAnyPackage("org.lockstep.controller..", "org.lockstep.hal..")
                .should().dependOnClassesThat().resideInAnyPackage("org.lockstep.simulator..", "org.lockstep.sim..",
                        "org.lockstep.embeddedbroker..", "io.moquette..", "io.netty..")
                .check(MAIN_CLASSES);
    }

    @Test
    void no_package_is_in_a_cycle() {
        slices().matching("org.lockstep.(**)").should().beFreeOfCycles().check(MAIN_CLASSES);
    }
}
