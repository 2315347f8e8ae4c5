package org.lockstep.controller.mqtt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lockstep.controller.core.DoorSpec;

/**
 * Home Assistant MQTT discovery: each door becomes a {@code lock} (state from the door's status topic) and a
 * {@code binary_sensor} with {@code device_class: door} (ON = open), both grouped under this controller's device and
 * tied to its availability topic, so a controller that drops off shows every door unavailable. Retained; republished
 * when Home Assistant announces itself ({@code <prefix>/status} = {@code online}).
 *
 * <p>The lock entity is read-only in practice: its command topic is one Lockstep does not subscribe to. Locking is by
 * zone and by an authorised operator (the command topics), never a door toggle on a dashboard.
 */
public final class HomeAssistantDiscovery {
    private HomeAssistantDiscovery() {}

    /** HA's object and node ids allow [a-zA-Z0-9_-]. */
    /** The device node id of one controller: its discovery topics are {@code <ha>/<component>/<node>/...}. */
    public static String nodeId(String siteKey, String controllerId) {
        return safe("lockstep_" + siteKey + "_" + controllerId);
    }

    static String safe(String s) {
        return s.replaceAll("[^a-zA-Z0-9_-]", "_");
    }

    /** Topic → retained config payload, for every door of the controller. */
    public static Map<String, byte[]> configs(String haPrefix, Topics topics, String siteKey, String controllerId,
            String controllerName, List<DoorSpec> doors) {
        String node = nodeId(siteKey, controllerId);
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (DoorSpec d : doors) {
            String obj = safe(d.id());
            String state = topics.doorStatus(d.id());

            ObjectNode lock = base(d, node, controllerId, controllerName, topics, state, "lock");
            lock.put("name", d.room() + " lock");
            lock.put("command_topic", topics.prefix() + "/ha/door/" + d.id() + "/set");
            lock.put("optimistic", false);
            lock.put("value_template", "{% set s = value_json.status %}"
                    + "{% if s == 'SECURED' %}LOCKED{% elif s == 'FAILED_TO_SECURE' %}JAMMED"
                    + "{% elif s == 'OPEN' or s == 'PROPPED' or s == 'FORCED' %}OPEN"
                    + "{% elif value_json.lockCommanded %}LOCKING{% else %}UNLOCKED{% endif %}");
            lock.put("state_locked", "LOCKED");
            lock.put("state_unlocked", "UNLOCKED");
            lock.put("state_locking", "LOCKING");
            lock.put("state_jammed", "JAMMED");
            lock.put("state_open", "OPEN");
            out.put(haPrefix + "/lock/" + node + "/" + obj + "/config", Payloads.bytes(lock));

            ObjectNode contact = base(d, node, controllerId, controllerName, topics, state, "door");
            contact.put("name", d.room() + " door");
            contact.put("device_class", "door");
            contact.put("value_template", "{{ 'ON' if value_json.open else 'OFF' }}");
            out.put(haPrefix + "/binary_sensor/" + node + "/" + obj + "/config", Payloads.bytes(contact));
        }
        return out;
    }

    private static ObjectNode base(DoorSpec d, String node, String controllerId, String controllerName,
            Topics topics, String state, String suffix) {
        ObjectNode n = Payloads.JSON.createObjectNode();
        n.put("unique_id", node + "_" + safe(d.id()) + "_" + suffix);
        n.put("object_id", safe(d.id()) + "_" + suffix);
        n.put("state_topic", state);
        n.put("availability_topic", topics.availability(controllerId));
        n.put("payload_available", "online");
        n.put("payload_not_available", "offline");
        n.put("json_attributes_topic", state);
        ObjectNode device = n.putObject("device");
        device.putArray("identifiers").add(node);
        device.put("name", "Lockstep " + controllerName);
        device.put("manufacturer", "Lockstep");
        device.put("model", "door controller");
        return n;
    }
}
