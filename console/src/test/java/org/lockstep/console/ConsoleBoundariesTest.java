package org.lockstep.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The console's seams: HTTP behind the server and its routes, the boundary pure, and the firmware never reaching into the console. */
class ConsoleBoundariesTest {
    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.lockstep");

    @Test
    void only_Console_and_its_routes_import_Javalin_and_Jetty() {
        noClasses().that().haveNameNotMatching(
                "org\\.lockstep\\.console\\.(Console|Http|HttpsServer|SsePageSink|SignInRoutes|ActionRoutes|ResponderRoutes|ReportRoutes)(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
                .check(CLASSES);
    }

    @Test
    void the_boundary_decoders_are_pure() {
        noClasses().that().belongToAnyOf(ConsoleDecoder.class, ActionRequest.class, ConsoleState.class, Lockout.class,
                        Sessions.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.paho..", "java.net..",
                        "java.util.concurrent..", "io.javalin..")
                .orShould().dependOnClassesThat().belongToAnyOf(Thread.class, System.class)
                .check(CLASSES);
    }

    @Test
    void no_controller_class_depends_on_the_console() {
        noClasses().that().resideInAPackage("org.lockstep.controller..")
                .should().dependOnClassesThat().resideInAPackage("org.lockstep.console..")
                .check(CLASSES);
    }
}
