package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.core.ControllerSpec;
import org.lockstep.controller.trust.KeyFiles;

/** {@code lockstep console --keys DIR}: the controllers' keys as {@code lockstep sim} writes them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ControllerKeysTest {
    private static final SiteConfig SITE = ConsoleDecoderTest.SITE;
    @TempDir
    Path tmp;

    @Test
    void every_controllers_key_comes_from_its_pub_file_in_the_directory() throws Exception {
        Path dir = tmp.resolve("keys");
        SecureRandom random = new SecureRandom();
        java.util.Map<String, org.lockstep.controller.trust.Ed25519PublicKey> made = new java.util.HashMap<>();
        for (ControllerSpec c : SITE.site().controllers()) {
            made.put(c.id(), KeyFiles.create(dir, c.id(), random).publicKey());
        }
        SiteConfig keyed = ControllerKeys.fromDir(SITE, dir);
        made.forEach((id, key) -> assertEquals(key, keyed.keys().holder(id).orElseThrow().key(), id));
        assertEquals(SITE.keys().holder("okafor"), keyed.keys().holder("okafor"), "operators' keys are kept");
    }

    @Test
    void a_controller_without_its_pub_file_is_an_error_naming_the_file_and_the_fix() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("keys"));
        String id = SITE.site().controllers().getFirst().id();
        ControllerKeys.Unusable e = assertThrows(ControllerKeys.Unusable.class, () -> ControllerKeys.fromDir(SITE, dir));
        assertTrue(e.getMessage().contains(dir.resolve(id + ".pub").toString())
                && e.getMessage().contains("lockstep keys new --holder " + id), e.getMessage());
    }
}
