package org.lockstep.simulator.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.lockstep.console.OperatorCredential;
import org.lockstep.console.ResponderLinks;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.core.OperatorSpec;
import org.lockstep.controller.trust.KeyFiles;
import org.lockstep.controller.trust.KeyHolder;
import org.lockstep.controller.trust.KeyRing;
import org.lockstep.controller.trust.MessageSigner;

/**
 * {@code lockstep sim}'s own keys: a fresh pair for every operator, console and controller of the site in a private
 * temporary directory, so the simulated school can be driven with {@code lockstep command --key DIR/okafor.key} with
 * no setup. The site file's keys (whose private halves nobody here has) are replaced for the sim only. Each operator
 * also gets a console credential file, {@code DIR/operators/ID.cred} with the password {@code example-ID}, so
 * {@code lockstep console --operators DIR/operators} lets them sign in; and one example responder link is made in
 * {@code DIR/responders} for {@code lockstep console --responders DIR/responders}.
 */
final class SimKeys {
    /** Where the operators' console credential files go, under the key directory. */
    static final String OPERATORS_DIR = "operators";
    /** Where the example responder link is kept (lockstep console --responders DIR/responders). */
    static final String RESPONDERS_DIR = "responders";
    /** The example responder link's name. */
    static final String EXAMPLE_RESPONDER = "example-sro";

    /** The example password of an operator's credential file: for the simulated school only. */
    static String examplePassword(String operator) {
        return "example-" + operator;
    }

    /** The site with the new keys, where their private files are, and each controller's own (it signs with it). */
    record Provisioned(SiteConfig config, Path dir, Map<String, MessageSigner> controllerKeys,
            String responderToken) {}

    private SimKeys() {}

    static Provisioned provision(SiteConfig config) throws IOException, KeyFiles.KeyFileException {
        Path dir = Files.createTempDirectory("lockstep-sim-keys-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        SecureRandom random = new SecureRandom();
        Map<String, KeyHolder> holders = new LinkedHashMap<>();
        for (OperatorSpec op : config.site().operators()) {
            Optional<KeyHolder> listed = config.keys().holder(op.id());
            KeyHolder.Kind kind = listed.map(KeyHolder::kind).orElse(KeyHolder.Kind.OPERATOR);
            var written = KeyFiles.create(dir, op.id(), random);
            holders.put(op.id(), new KeyHolder(op.id(), kind, written.publicKey(), op.permissions(),
                    listed.flatMap(KeyHolder::zones)));
            if (kind == KeyHolder.Kind.OPERATOR) {
                // Read back as 'lockstep console operator add' reads it, then sealed under the example password.
                var key = KeyFiles.readPrivateKey(written.privateFile()).key();
                OperatorCredential.write(dir.resolve(OPERATORS_DIR), op.id(), key,
                        examplePassword(op.id()).toCharArray(), OperatorCredential.Params.DEFAULT, random);
                key.destroy();
            }
        }
        Map<String, MessageSigner> controllerKeys = new LinkedHashMap<>();
        for (var c : config.site().controllers()) {
            if (!holders.containsKey(c.id())) {
                var written = KeyFiles.create(dir, c.id(), random);
                holders.put(c.id(), new KeyHolder(c.id(), KeyHolder.Kind.CONTROLLER, written.publicKey(), Set.of(),
                        Optional.empty()));
                // Read back as `lockstep run` reads a controller's key: the file is the one a user could inspect.
                controllerKeys.put(c.id(), KeyFiles.readSigner(written.privateFile()));
            }
        }
        String responderToken;
        try {
            responderToken = ResponderLinks.add(dir.resolve(RESPONDERS_DIR), EXAMPLE_RESPONDER, Instant.now(), random);
        } catch (ResponderLinks.Unusable e) {
            throw new IllegalStateException("a new directory has no links file: " + e.getMessage(), e);
        }
        return new Provisioned(config.withKeys(new KeyRing(holders, Set.of())), dir, controllerKeys, responderToken);
    }
}
