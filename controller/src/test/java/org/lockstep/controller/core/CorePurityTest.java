package org.lockstep.controller.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The core is pure: no vendor library, no I/O, no threads, no clock, no randomness. */
class CorePurityTest {
    private static final String CORE = "org.lockstep.controller.core..";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lockstep");
    }

    @Test
    void the_core_knows_no_vendor_library_and_no_other_lockstep_package() {
        ArchRule rule = noClasses().that().resideInAPackage(CORE).should().dependOnClassesThat()
                .resideInAnyPackage("com.pi4j..", "com.fazecast..", "org.eclipse.paho..", "org.tinylog..",
                        "org.slf4j..", "org.yaml..", "org.lockstep.hal..", "org.lockstep.sim..",
                        "org.lockstep.controller.shell..", "org.lockstep.controller.config..",
                        "org.lockstep.controller.journal..", "org.lockstep.controller.cli..",
                        "org.lockstep.controller.mqtt..");
        rule.check(classes);
    }

    @Test
    void the_core_does_no_io_and_starts_no_threads() {
        ArchRule rule = noClasses().that().resideInAPackage(CORE).should().dependOnClassesThat()
                .resideInAnyPackage("java.io..", "java.nio..", "java.net..", "java.util.concurrent..",
                        "java.lang.reflect..", "java.time..")
                .orShould().dependOnClassesThat().belongToAnyOf(Thread.class, ThreadLocal.class, Runnable.class,
                        java.util.Random.class, java.util.Timer.class, ProcessBuilder.class, Runtime.class);
        rule.check(classes);
    }

    @Test
    void the_core_reads_no_clock_and_no_environment() {
        ArchRule rule = noClasses().that().resideInAPackage(CORE).should()
                .callMethod(System.class, "currentTimeMillis").orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class)
                .orShould().callMethod(Math.class, "random");
        rule.check(classes);
    }
}
