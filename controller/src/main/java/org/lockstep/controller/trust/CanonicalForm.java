package org.lockstep.controller.trust;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bytes a signature covers (docs/SECURITY.md, "Canonical form"): UTF-8 of
 *
 * <pre>lockstep-signed-v1 LF topic LF JCS(message without its "signature" field)</pre>
 *
 * where JCS is RFC 8785: object keys sorted by UTF-16 code units, no whitespace, strings escaped as ECMAScript's
 * {@code JSON.stringify} does (only {@code " \ \b \f \n \r \t} short forms, other controls as {@code \\}{@code u00xx}
 * lowercase, everything else literal). Messages hold strings, booleans, null, integers and nested objects/arrays;
 * an integer must lie within ±(2^53−1) and a fraction or exponent is refused, so every value has one spelling.
 *
 * <p>The topic is signed so a command cannot be moved: a zone's ALL CLEAR republished on {@code cmd/site} would
 * otherwise clear the whole site, and one site's command another site's. The leading tag keeps a signature made for
 * this purpose from being valid for any other.
 */
public final class CanonicalForm {
    public static final String TAG = "lockstep-signed-v1";
    public static final String SIGNATURE_FIELD = "signature";
    /** The largest integer every JSON implementation reads exactly (IEEE double). */
    static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    /** Nesting deeper than a message needs is refused rather than recursed into. */
    static final int MAX_DEPTH = 8;

    /** A message that has no canonical form (a fraction, a huge number, a lone surrogate, too deep). */
    public static final class NotCanonical extends Exception {
        NotCanonical(String message) {
            super(message);
        }
    }

    private CanonicalForm() {}

    public static byte[] of(String topic, ObjectNode message) throws NotCanonical {
        StringBuilder out = new StringBuilder(256).append(TAG).append('\n');
        if (topic.indexOf('\n') >= 0) {
            throw new NotCanonical("topic holds a line feed");
        }
        out.append(topic).append('\n');
        writeObject(message, out, 0, true);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode node, StringBuilder out, int depth) throws NotCanonical {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out, depth, false);
            case ARRAY -> {
                if (depth >= MAX_DEPTH) {
                    throw new NotCanonical("nested deeper than " + MAX_DEPTH);
                }
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out, depth + 1);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            case NUMBER -> {
                if (!node.isIntegralNumber() || !node.canConvertToLong()
                        || Math.abs(node.longValue()) > MAX_SAFE_INTEGER) {
                    throw new NotCanonical("numbers must be integers within ±(2^53-1); found " + node.asText());
                }
                out.append(node.longValue());
            }
            case BINARY, POJO, MISSING -> throw new NotCanonical("not a JSON value: " + node.getNodeType());
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out, int depth, boolean top) throws NotCanonical {
        if (depth >= MAX_DEPTH) {
            throw new NotCanonical("nested deeper than " + MAX_DEPTH);
        }
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            String name = it.next().getKey();
            if (!(top && name.equals(SIGNATURE_FIELD))) {
                names.add(name);
            }
        }
        names.sort(String::compareTo); // UTF-16 code units, as RFC 8785 says
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(names.get(i), out);
            out.append(':');
            write(node.get(names.get(i)), out, depth + 1);
        }
        out.append('}');
    }

    private static void writeString(String s, StringBuilder out) throws NotCanonical {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1));
                if (!paired) {
                    throw new NotCanonical("a string holds a lone surrogate");
                }
                out.append(c).append(s.charAt(++i));
                continue;
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
