package org.lockstep.controller.mqtt;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.lockstep.embeddedbroker.EmbeddedBroker;
import org.lockstep.simulator.FirmwareBoundaryTest;

/** Kura's split, enforced: Paho behind one class, Moquette behind one class, the decoders pure. */
class MqttBoundariesTest {
    static final JavaClasses CLASSES = FirmwareBoundaryTest.MAIN_CLASSES;

    @Test
    void only_the_paho_transport_imports_paho() {
        noClasses().that().haveNameNotMatching(".*\\.PahoMqttTransport(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.paho..")
                .check(CLASSES);
    }

    @Test
    void only_the_embedded_broker_imports_moquette() {
        noClasses().that().haveNameNotMatching(".*\\.EmbeddedBroker(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("io.moquette..", "io.netty..")
                .check(CLASSES);
    }

    @Test
    void sim_control_is_not_part_of_the_firmware_s_mqtt_package() {
        noClasses().that().resideInAPackage("org.lockstep.controller.mqtt..")
                .should().dependOnClassesThat().resideInAPackage("org.lockstep.simulator..")
                .check(CLASSES);
    }

    @Test
    void the_decoders_are_pure() {
        noClasses().that().belongToAnyOf(CommandDecoder.class, BusDecoder.class, PeerZoneDecoder.class,
                        org.lockstep.simulator.SimControlDecoder.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.paho..", "java.net..",
                        "java.util.concurrent..", "org.lockstep.controller.shell..")
                .orShould().dependOnClassesThat().belongToAnyOf(Thread.class, System.class, MqttTransport.class)
                .check(CLASSES);
    }
}
