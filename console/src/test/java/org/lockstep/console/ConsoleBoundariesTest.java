package org.lockstep.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;

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

    @Test
    void the_console_replaces_its_files_only_through_DurableFile() {
        // Two copies of temp-then-rename here forgot the directory fsync: a revoked responder link could come back.
        noClasses().that().resideInAPackage("org.lockstep.console..")
                .should().callMethod(Files.class, "move", Path.class, Path.class, CopyOption[].class)
                .orShould().callMethod(Files.class, "createTempFile", Path.class, String.class, String.class,
                        FileAttribute[].class)
                .because("DurableFile (org.lockstep.controller.files) fsyncs the file and the directory and never"
                        + " shows half a file")
                .check(CLASSES);
    }
}
