package org.lockstep.controller.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

class CanonicalFormTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode parse(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void sortsKeysDropsWhitespaceAndTheSignatureAndPrefixesTagAndTopic() throws Exception {
        byte[] c = CanonicalForm.of("p/cmd/site", parse("""
                { "zone": null, "id": "c-1", "drill": false, "signature": "xyz", "n": -12,
                  "t": {"b": 1, "a": [true, "x"]} }"""));
        assertEquals("lockstep-signed-v1\np/cmd/site\n{\"drill\":false,\"id\":\"c-1\",\"n\":-12,"
                + "\"t\":{\"a\":[true,\"x\"],\"b\":1},\"zone\":null}", new String(c, StandardCharsets.UTF_8));
    }

    @Test
    void escapesStringsAsJavaScriptDoes() throws Exception {
        ObjectNode m = JSON.createObjectNode().put("r", "a\"b\\c\n\t\u0001\u007f é \u2028 😀/");
        assertEquals("lockstep-signed-v1\nt\n{\"r\":\"a\\\"b\\\\c\\n\\t\\u0001\u007f é \u2028 😀/\"}",
                new String(CanonicalForm.of("t", m), StandardCharsets.UTF_8));
    }

    @Test
    void aSignatureFieldInsideANestedObjectIsSigned() throws Exception {
        assertTrue(new String(CanonicalForm.of("t", parse("{\"x\":{\"signature\":1}}")), StandardCharsets.UTF_8)
                .endsWith("{\"x\":{\"signature\":1}}"));
    }

    @Test
    void refusesValuesWithMoreThanOneSpelling() throws Exception {
        assertThrows(CanonicalForm.NotCanonical.class, () -> CanonicalForm.of("t", parse("{\"n\":1.0}")));
        assertThrows(CanonicalForm.NotCanonical.class, () -> CanonicalForm.of("t", parse("{\"n\":1e3}")));
        assertThrows(CanonicalForm.NotCanonical.class, () -> CanonicalForm.of("t", parse("{\"n\":9007199254740992}")));
        assertThrows(CanonicalForm.NotCanonical.class, () -> CanonicalForm.of("t", parse("{\"s\":\"\\ud800\"}")));
        assertThrows(CanonicalForm.NotCanonical.class, () -> CanonicalForm.of("a\nb", parse("{}")));
        assertThrows(CanonicalForm.NotCanonical.class, () -> CanonicalForm.of("t",
                parse("{\"a\":[[[[[[[[[1]]]]]]]]]}")));
    }

    /**
     * The vector in docs/SECURITY.md, read from the doc itself: the key (RFC 8032 test 1), the topic, the command,
     * its canonical bytes and its signature. If the doc or the code changes alone, this fails.
     */
    @Test
    void theDocumentedTestVectorHolds() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "SECURITY.md"));
        String seed = field(doc, "seed (hex)");
        String pub = field(doc, "public key (base64)");
        String topic = field(doc, "topic");
        String command = field(doc, "command");
        String canonical = field(doc, "canonical (JSON string)");
        String signature = field(doc, "signature (base64)");
        Ed25519PrivateKey key = Ed25519PrivateKey.ofSeed(java.util.HexFormat.of().parseHex(seed));
        assertEquals(TrustFixture.RFC8032_TEST1.publicKey(), key.publicKey());
        assertEquals(pub, key.publicKey().base64());
        byte[] bytes = CanonicalForm.of(topic, parse(command));
        assertEquals(JSON.readValue(canonical, String.class), new String(bytes, StandardCharsets.UTF_8));
        ObjectNode signed = new MessageSigner("okafor", key).sign(topic, parse(command));
        assertEquals(signature, signed.get("signature").asText());
        assertTrue(key.publicKey().verifies(bytes, java.util.Base64.getDecoder().decode(signature)));
        assertArrayEquals(bytes, CanonicalForm.of(topic, signed));
    }

    private static String field(String doc, String name) {
        Matcher m = Pattern.compile("^- " + Pattern.quote(name) + ": `(.*)`$", Pattern.MULTILINE).matcher(doc);
        assertTrue(m.find(), "docs/SECURITY.md has no line '- " + name + ": `...`'");
        return m.group(1);
    }
}
