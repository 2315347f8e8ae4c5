package org.lockstep.controller.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.config.MqttSettings;

class MqttSettingsTest {
    @Test
    @DisplayName("no mqtt section: the embedded broker on 1883, prefix lockstep/<site>")
    void defaults() {
        MqttSettings s = MqttSettings.fromMap(null, "lincoln-high");
        assertEquals(MqttSettings.Broker.EMBEDDED, s.broker());
        assertEquals(1883, s.embeddedPort());
        assertEquals("lockstep/lincoln-high", s.topicPrefix());
        assertEquals("lockstep-lincoln-high-east", s.clientIdFor("east"));
        assertEquals(MqttSettings.DEFAULT_ALERT_QUEUE, s.alertQueue());
    }

    @Test
    @DisplayName("a full external TLS section parses")
    void fullSection() {
        MqttSettings s = MqttSettings.fromMap(Map.of("broker", "url", "url", "ssl://broker.school.org:8883",
                "caFile", "/etc/lockstep/ca.pem", "secretsFile", "/etc/lockstep/mqtt/{client}.secret",
                "topicPrefix", "district/lincoln", "homeAssistant", Map.of("discovery", true),
                "queue", Map.of("alerts", 500, "events", 50)), "lincoln");
        assertTrue(s.tls());
        assertEquals("district/lincoln", s.topicPrefix());
        assertTrue(s.homeAssistant().discovery());
        assertEquals("homeassistant", s.homeAssistant().prefix());
        assertEquals(500, s.alertQueue());
    }

    @Test
    @DisplayName("every problem is reported at once, each naming its field")
    void problemsNameTheirFields() {
        MqttSettings.Invalid e = assertThrows(MqttSettings.Invalid.class, () -> MqttSettings.fromMap(Map.of(
                "broker", "url", "url", "http://x:80", "secretsFile", "/etc/x.secret", "topicPrefix", "a/#",
                "queue", Map.of("alerts", 0), "homeAssistant", Map.of("discovery", "yes"), "port", "1883",
                "borker", "x"), "s"));
        String all = String.join("\n", e.problems());
        for (String field : new String[] {"mqtt.url:", "mqtt.secretsFile:", "mqtt.topicPrefix:",
                "mqtt.queue.alerts:", "mqtt.homeAssistant.discovery:", "mqtt.port:", "mqtt.borker:"}) {
            assertTrue(all.contains(field), field + " missing in:\n" + all);
        }
    }

    @Test
    void urlIsRequiredForAnExternalBroker() {
        MqttSettings.Invalid e = assertThrows(MqttSettings.Invalid.class,
                () -> MqttSettings.fromMap(Map.of("broker", "url"), "s"));
        assertTrue(e.getMessage().startsWith("mqtt.url: required"), e.getMessage());
    }
}
