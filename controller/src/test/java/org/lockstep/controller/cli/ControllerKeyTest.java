package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.trust.KeyFiles;

/**
 * A controller's own key as {@code lockstep run} and {@code check-config --controller} read it: what a user is told
 * when it is missing, someone else's, not the one the site file lists, or readable by others.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ControllerKeyTest {
    @TempDir
    Path dir;

    /** Two controllers; c1's public key given, c2 without one. */
    private Path site(String c1Key) throws Exception {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, """
                site: { name: Test School }
                controllers:
                  - { id: c1 }
                  - { id: c2 }
                zones:
                  - { id: z1 }
                doorDefaults:
                  relay: { failMode: fail-secure }
                doors:
                  - { id: d1, room: Room 1, zone: z1, role: classroom, controller: c1, relay: { pin: 17 }, contact: { pin: 27 } }
                  - { id: d2, room: Room 2, zone: z1, role: classroom, controller: c2, relay: { pin: 17 }, contact: { pin: 27 } }
                keys:
                  controllers:
                    c1: %s
                """.formatted(c1Key));
        return file;
    }

    private KeyFiles.Written key(String holder) throws Exception {
        return KeyFiles.create(dir.resolve("keys"), holder, new SecureRandom());
    }

    @Test
    void the_right_key_signs_with_no_problem_and_check_config_says_so() throws Exception {
        KeyFiles.Written c1 = key("c1");
        Path file = site(c1.publicKey().base64());
        ControllerKey.Loaded loaded = ControllerKey.load(SiteConfigLoader.load(file), "c1", c1.privateFile());
        assertTrue(loaded.signer().isPresent());
        assertTrue(loaded.problem().isEmpty(), loaded.problem().toString());

        MainTest.Result r = MainTest.run("check-config", file.toString(), "--controller", "c1", "--key",
                c1.privateFile().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("controller key: " + c1.privateFile() + " is controller 'c1''s and matches"),
                r.out());
    }

    @Test
    void a_missing_key_still_runs_but_says_peers_refuse_and_how_to_make_one() throws Exception {
        Path file = site(key("c1").publicKey().base64());
        Path missing = dir.resolve("nowhere/c1.key");
        ControllerKey.Loaded loaded = ControllerKey.load(SiteConfigLoader.load(file), "c1", missing);
        assertTrue(loaded.signer().isEmpty());
        String p = loaded.problem().orElseThrow();
        assertTrue(p.contains(missing.toString()) && p.contains("lockstep keys new --holder c1 --dir "
                + missing.getParent()) && p.contains("every other controller will refuse its zone modes")
                && p.contains("still locks its own doors"), p);

        MainTest.Result r = MainTest.run("check-config", file.toString(), "--controller", "c1", "--key",
                missing.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("controller key: no usable private key: " + missing), r.err());
    }

    @Test
    void check_config_names_the_controller_without_a_public_key() throws Exception {
        Path file = site(key("c1").publicKey().base64());
        MainTest.Result r = MainTest.run("check-config", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("controller 'c2' has no key, so the other controllers will refuse its zone modes"
                + " and panic/detector shares: make one with `lockstep keys new --holder c2"), r.out());
    }

    @Test
    void another_holders_key_a_key_the_site_does_not_list_and_a_readable_key_are_each_named() throws Exception {
        KeyFiles.Written c1 = key("c1");
        KeyFiles.Written c2 = key("c2");
        SiteConfig config = SiteConfigLoader.load(site(c1.publicKey().base64()));

        ControllerKey.Loaded wrongHolder = ControllerKey.load(config, "c1", c2.privateFile());
        assertTrue(wrongHolder.signer().isEmpty());
        assertTrue(wrongHolder.problem().orElseThrow().contains("is the key of 'c2', not of controller 'c1'"),
                wrongHolder.problem().toString());

        ControllerKey.Loaded unlisted = ControllerKey.load(config, "c2", c2.privateFile());
        assertTrue(unlisted.signer().isPresent(), "signing costs nothing; a newer site file may list it");
        assertTrue(unlisted.problem().orElseThrow().contains("the site file lists no key for controller 'c2': add `c2: "
                + c2.publicKey().base64() + "`"), unlisted.problem().toString());

        SiteConfig other = SiteConfigLoader.load(site(key("c9").publicKey().base64()));
        ControllerKey.Loaded mismatch = ControllerKey.load(other, "c1", c1.privateFile());
        assertTrue(mismatch.problem().orElseThrow().contains("but the site file lists"), mismatch.problem().toString());

        Files.setPosixFilePermissions(c1.privateFile(), PosixFilePermissions.fromString("rw-r--r--"));
        ControllerKey.Loaded readable = ControllerKey.load(config, "c1", c1.privateFile());
        assertTrue(readable.signer().isEmpty(), "a key others can read is not used");
        assertTrue(readable.problem().orElseThrow().contains("readable by others"), readable.problem().toString());
    }
}
