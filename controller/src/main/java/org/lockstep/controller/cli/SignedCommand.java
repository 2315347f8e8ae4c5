package org.lockstep.controller.cli;

import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.mqtt.Topics;
import org.lockstep.controller.trust.MessageSigner;

/**
 * A signed command ready to publish, its topic, and the controllers that should answer it: what {@code lockstep
 * command} sends and what the browser console ({@code lockstep console}) sends, built by one {@link #build} so the two
 * can never disagree on the wire.
 *
 * @param topic    where to publish it
 * @param body     the signed JSON body
 * @param expected the controllers that should answer on {@code cmd/result/<id>/<controller>}, in site-file order
 */
public record SignedCommand(String topic, ObjectNode body, Set<String> expected) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SignedCommand {
        expected = Collections.unmodifiableSet(new LinkedHashSet<>(expected));
    }

    /** The command id ({@code c-<24 hex>}), which every answer carries in its topic. */
    public String id() {
        return body.get("id").asText();
    }

    /**
     * Pure: the signed command. {@code action} is {@code lockdown}, {@code secure}, {@code drill} or {@code all-clear}
     * ({@code allclear} too); an unknown action, zone or controller is a usage error that names it.
     */
    public static SignedCommand build(SiteConfig config, Topics topics, MessageSigner signer, String action,
            Optional<String> zone, Optional<String> controller, String reason, long nowMs, SecureRandom random)
            throws Args.UsageException {
        String wire = switch (action) {
            case "lockdown", "drill" -> "LOCKDOWN";
            case "secure" -> "SECURE";
            case "all-clear", "allclear" -> "ALL_CLEAR";
            default -> throw new Args.UsageException("unknown action '" + action
                    + "': lockdown, secure, drill or all-clear");
        };
        var site = config.site();
        if (zone.isPresent() && site.zones().stream().noneMatch(s -> s.id().equals(zone.get()))) {
            throw new Args.UsageException("--zone: no zone '" + zone.get() + "' in " + config.file());
        }
        if (controller.isPresent() && site.controllers().stream().noneMatch(c -> c.id().equals(controller.get()))) {
            throw new Args.UsageException("--controller: no controller '" + controller.get() + "' in " + config.file());
        }
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "c-" + HexFormat.of().formatHex(nonce));
        body.put("action", wire);
        body.put("drill", action.equals("drill"));
        body.put("operator", signer.holderId());
        body.put("issuedAt", nowMs);
        if (!reason.isEmpty()) {
            body.put("reason", reason);
        }
        String topic;
        Set<String> expected = new LinkedHashSet<>();
        if (controller.isPresent()) {
            zone.ifPresent(z -> body.put("zone", z));
            topic = topics.cmdController(controller.get());
            expected.add(controller.get());
        } else if (zone.isPresent()) {
            topic = topics.cmdZone(zone.get());
            site.doors().stream().filter(d -> d.zone().equals(zone.get())).forEach(d -> expected.add(d.controller()));
        } else {
            topic = topics.cmdSite();
            site.controllers().forEach(c -> expected.add(c.id()));
        }
        return new SignedCommand(topic, signer.sign(topic, body), expected);
    }
}
