package org.lockstep.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.core.ControllerSpec;
import org.lockstep.controller.trust.Ed25519PublicKey;
import org.lockstep.controller.trust.KeyHolder;
import org.lockstep.controller.trust.KeyRing;

/**
 * The controllers' public keys the console checks zone modes against ({@link ConsoleDecoder}): the site file's
 * {@code keys: controllers:}, or with {@code --keys DIR} each controller's {@code DIR/<id>.pub}. The option exists for
 * {@code lockstep sim}, which gives every controller a fresh key in its own directory (nobody holds the private halves
 * of the example site file's keys), so the console of the sim must read the sim's keys or refuse every zone mode.
 */
final class ControllerKeys {
    /** A .pub file is one line of 44 characters; anything much bigger is not one. */
    static final int MAX_PUB_FILE_BYTES = 200;

    /** Why {@code --keys DIR} cannot be used: names the file and what to do. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    private ControllerKeys() {}

    /** {@code config} with every controller's key read from {@code dir}; other holders and the revoked list kept. */
    static SiteConfig fromDir(SiteConfig config, Path dir) throws Unusable {
        if (!Files.isDirectory(dir)) {
            throw new Unusable("--keys " + dir + ": not a directory; expected <controller>.pub files there (the"
                    + " directory lockstep sim prints as 'keys:')");
        }
        Map<String, KeyHolder> holders = new LinkedHashMap<>(config.keys().holders());
        for (ControllerSpec c : config.site().controllers()) {
            Path file = dir.resolve(c.id() + ".pub");
            Ed25519PublicKey key;
            try {
                if (!Files.isRegularFile(file) || Files.size(file) > MAX_PUB_FILE_BYTES) {
                    throw new Unusable("--keys: " + file + " is missing or not a public key file; every controller of"
                            + " the site needs one (lockstep keys new --holder " + c.id() + " --dir " + dir + ")");
                }
                key = Ed25519PublicKey.parse(Files.readString(file, StandardCharsets.UTF_8).strip());
            } catch (IOException | IllegalArgumentException e) {
                throw new Unusable("--keys: " + file + ": not a public key: " + e.getMessage());
            }
            holders.put(c.id(), new KeyHolder(c.id(), KeyHolder.Kind.CONTROLLER, key, Set.of(), Optional.empty()));
        }
        return config.withKeys(new KeyRing(holders, config.keys().revoked()));
    }

    /** The warning to print when nothing can be verified, or empty: zone modes are then shown marked unverified. */
    static Optional<String> warning(SiteConfig config) {
        boolean any = config.keys().holders().values().stream().anyMatch(h -> h.kind() == KeyHolder.Kind.CONTROLLER);
        return any ? Optional.empty() : Optional.of("lockstep console: warning: " + config.file() + " lists no keys"
                + " under keys: controllers:, so zone modes cannot be checked: the page shows each marked"
                + " (unverified) and the site summary leaves them out; add the controllers' keys (docs/SECURITY.md)");
    }
}
