package org.lockstep.controller.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.core.Permission;
import org.lockstep.controller.trust.KeyHolder;
import org.lockstep.controller.trust.TrustFixture;

class KeysBinderTest {
    static final String A = TrustFixture.key("a").publicKey().base64();
    static final String B = TrustFixture.key("b").publicKey().base64();
    static final String C = TrustFixture.key("c").publicKey().base64();

    /** Lines 1-12; a case's keys section starts at line 13. */
    static final String SITE = SiteConfigLoaderTest.HEADER + """
            operators:
              - { id: okafor, name: Dr Okafor, permissions: [initiate, all-clear, drill] }
            """;

    static SiteConfig load(String yaml) throws ConfigException {
        return SiteConfigLoader.load("site.yaml", new StringReader(yaml));
    }

    static List<String> errors(String yaml) {
        try {
            load(yaml);
            throw new AssertionError("expected errors");
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
    }

    /** Warnings other than the header's zone without doors. */
    static List<String> warnings(SiteConfig c) {
        return c.warnings().stream().map(ConfigProblem::toString).filter(w -> !w.contains("'z2' has no doors"))
                .toList();
    }

    @Test
    void inlineKeysMakeHoldersAndAConsoleIsAnInitiateOnlyOperatorOfTheCore() throws Exception {
        SiteConfig c = load(SITE + "keys:\n  operators: { okafor: { key: " + A + ", zones: [z1] } }\n"
                + "  consoles: { front-desk: " + B + " }\n  controllers: { c1: " + C + " }\n");
        KeyHolder okafor = c.keys().holder("okafor").orElseThrow();
        assertEquals(KeyHolder.Kind.OPERATOR, okafor.kind());
        assertEquals(Optional.of(Set.of("z1")), okafor.zones());
        assertEquals(Set.of(Permission.INITIATE), c.keys().holder("front-desk").orElseThrow().permissions());
        assertEquals(KeyHolder.Kind.CONTROLLER, c.keys().holder("c1").orElseThrow().kind());
        assertTrue(c.site().operators().stream().anyMatch(o -> o.id().equals("front-desk")
                && o.permissions().equals(Set.of(Permission.INITIATE))));
        assertEquals(List.of(), warnings(c));
    }

    @Test
    void checkConfigSaysWhichKeyIsMissingForWhichHolder() throws Exception {
        SiteConfig c = load(SITE + "keys:\n  operators: {}\n");
        List<String> w = warnings(c);
        assertTrue(w.stream().anyMatch(s -> s.contains("operator 'okafor' has no key")
                && s.contains("lockstep keys new --holder okafor")), w.toString());
        assertTrue(w.stream().anyMatch(s -> s.contains("controller 'c1' has no key")), w.toString());
    }

    @Test
    void aBadKeyAnUnknownHolderAndASharedKeyAreErrorsWithTheirLines() {
        List<String> e = errors(SITE + "keys:\n  operators:\n    okafor: notakey\n    nobody: " + A + "\n"
                + "  controllers:\n    c1: " + B + "\n  consoles:\n    desk: " + B + "\n");
        assertTrue(e.stream().anyMatch(s -> s.startsWith("site.yaml:15: keys.operators.okafor:")
                && s.contains("44 base64")), e.toString());
        assertTrue(e.stream().anyMatch(s -> s.startsWith("site.yaml:16: keys.operators.nobody:")
                && s.contains("not an operator of this site")), e.toString());
        assertTrue(e.stream().anyMatch(s -> s.contains("is also the key of")), e.toString());
    }

    @Test
    void aHolderWithARevokedKeyIsWarnedAndTheRingRefusesIt() throws Exception {
        SiteConfig c = load(SITE + "keys:\n  operators: { okafor: " + A + " }\n  controllers: { c1: " + C + " }\n"
                + "  revoked: [" + A + "]\n");
        assertTrue(c.keys().isRevoked(c.keys().holder("okafor").orElseThrow().key()));
        assertTrue(warnings(c).stream().anyMatch(s -> s.contains("'okafor' has a revoked key")), warnings(c).toString());
    }

    @Test
    void keysCanLiveInADirectoryBesideTheSiteFile(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/okafor.pub"), A + "\n");
        Files.writeString(dir.resolve("keys/c1.pub"), C + "\n");
        Path site = dir.resolve("site.yaml");
        Files.writeString(site, SITE + "keys:\n  dir: keys\n");
        SiteConfig c = SiteConfigLoader.load(site);
        assertEquals(A, c.keys().holder("okafor").orElseThrow().key().base64());
        assertEquals(C, c.keys().holder("c1").orElseThrow().key().base64());
        assertEquals(List.of(), warnings(c));
    }
}
