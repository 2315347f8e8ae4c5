package org.lockstep.controller.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.lockstep.controller.core.Ids;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A position in the site file: a YAML node (or the absence of one), the field path that leads to it and its line.
 * Every read either returns a value or reports, at this path and line, what was expected and what was found, and
 * returns empty; callers build a record only when all its parts are present, and never stop at the first mistake.
 *
 * <p>An absent field and an explicit empty value ({@code bolt:} or {@code bolt: ~}) read the same: not given.
 */
final class YamlCursor {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?(0|[1-9][0-9_]*)");
    private static final Pattern OCTAL_LOOKING = Pattern.compile("-?0[0-9_]+");
    /** Quoted values in messages are cut here so a pasted paragraph does not flood the report. */
    private static final int MAX_QUOTED_CHARS = 40;

    private final ProblemList problems;
    private final Node node;
    private final String path;
    private final int line;

    private YamlCursor(ProblemList problems, Node node, String path, int line) {
        this.problems = problems;
        this.node = node;
        this.path = path;
        this.line = line;
    }

    static YamlCursor root(ProblemList problems, Node node) {
        return new YamlCursor(problems, node, "", lineOf(node, 1));
    }

    /** A child node; an absent child takes the parent's line, the best place to add it. */
    YamlCursor child(String childPath, Node childNode) {
        return new YamlCursor(problems, childNode, childPath, lineOf(childNode, line));
    }

    String path() {
        return path;
    }

    Node node() {
        return node;
    }

    int line() {
        return line;
    }

    ProblemList problems() {
        return problems;
    }

    boolean isPresent() {
        return node != null && !(node instanceof ScalarNode s && s.getTag().equals(Tag.NULL));
    }

    void error(String message) {
        problems.error(line, path, message);
    }

    void warn(String message) {
        problems.warn(line, path, message);
    }

    /** "doors[1].relay.pin (line 30)", for messages that point from one field to another. */
    String where() {
        return path + " (line " + line + ")";
    }

    // ---- structure

    /** This node as a map that may hold only {@code knownKeys}; other keys are reported with a suggestion. */
    Optional<YamlMap> map(String... knownKeys) {
        if (!isPresent()) {
            return Optional.empty();
        }
        if (!(node instanceof MappingNode m)) {
            error("expected a map, found " + describe(node));
            return Optional.empty();
        }
        return Optional.of(YamlMap.of(this, m, List.of(knownKeys)));
    }

    /**
     * This node as plain Java values (maps, lists, strings, integers, booleans), for a section another package
     * validates itself (the MQTT settings). Empty if the node is absent.
     */
    Optional<Object> plain() {
        return isPresent() ? Optional.ofNullable(new PlainConstructor().construct(node)) : Optional.empty();
    }

    /** SnakeYAML's safe constructor, opened up to build one node (no arbitrary classes, as for the whole file). */
    private static final class PlainConstructor extends org.yaml.snakeyaml.constructor.SafeConstructor {
        PlainConstructor() {
            super(new org.yaml.snakeyaml.LoaderOptions());
        }

        Object construct(Node n) {
            return constructDocument(n);
        }
    }

    /** This node as a map whose keys the caller checks itself (plan rows, reserved sections). */
    Optional<YamlMap> anyMap() {
        if (!isPresent()) {
            return Optional.empty();
        }
        if (!(node instanceof MappingNode m)) {
            error("expected a map, found " + describe(node));
            return Optional.empty();
        }
        return Optional.of(YamlMap.of(this, m, null));
    }

    /** The items of a list, each with its index in the path; empty when absent or not a list (reported). */
    List<YamlCursor> list() {
        if (!isPresent()) {
            return List.of();
        }
        if (!(node instanceof SequenceNode s)) {
            error("expected a list, found " + describe(node));
            return List.of();
        }
        List<YamlCursor> items = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) {
            items.add(child(path + "[" + i + "]", s.getValue().get(i)));
        }
        return items;
    }

    // ---- scalars

    /** Any scalar as text ({@code room: 101} is the text "101"). Blank text counts as a mistake, not a value. */
    Optional<String> text() {
        if (!isPresent()) {
            return Optional.empty();
        }
        if (!(node instanceof ScalarNode s)) {
            error("expected a value, found " + describe(node));
            return Optional.empty();
        }
        if (s.getValue().isBlank()) {
            error("expected text, found an empty string");
            return Optional.empty();
        }
        return Optional.of(s.getValue().strip());
    }

    /** A site id ({@link Ids}). */
    Optional<String> id() {
        Optional<String> text = text();
        if (text.isPresent() && !Ids.isValid(text.get())) {
            error("expected an id of " + Ids.RULE + "; found " + quote(text.get()));
            return Optional.empty();
        }
        return text;
    }

    /**
     * A whole decimal number in {@code min..max}. Leading zeros are refused: YAML 1.1 reads {@code 017} as octal 15,
     * and a pin number must mean the same to every tool that reads the file.
     */
    Optional<Long> number(long min, long max, String unit) {
        Optional<String> text = scalarText();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String t = text.get();
        String range = min + ".." + max + unit;
        if (OCTAL_LOOKING.matcher(t).matches()) {
            error("expected a number " + range + " written without leading zeros (YAML may read " + t
                    + " as octal); found " + quote(t));
            return Optional.empty();
        }
        if (!WHOLE_NUMBER.matcher(t).matches()) {
            error("expected a whole number " + range + "; found " + quote(t));
            return Optional.empty();
        }
        long value;
        try {
            value = Long.parseLong(t.replace("_", ""));
        } catch (NumberFormatException tooBig) {
            error("expected a number " + range + "; found " + quote(t));
            return Optional.empty();
        }
        if (value < min || value > max) {
            error("expected " + range + "; found " + t);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    Optional<Integer> integer(int min, int max, String unit) {
        return number(min, max, unit).map(Long::intValue);
    }

    Optional<Boolean> bool() {
        Optional<String> text = scalarText();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return switch (text.get()) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                error("expected true or false; found " + quote(text.get()));
                yield Optional.empty();
            }
        };
    }

    /** One of an enum's constants, written in YAML as lower-case with dashes ({@code ALL_CLEAR} is {@code all-clear}). */
    <E extends Enum<E>> Optional<E> choice(Class<E> type) {
        E[] allowed = type.getEnumConstants();
        Optional<String> text = scalarText();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (E e : allowed) {
            if (yamlName(e).equals(text.get())) {
                return Optional.of(e);
            }
        }
        List<String> names = Arrays.stream(allowed).map(YamlCursor::yamlName).toList();
        error("expected one of " + String.join(", ", names) + "; found " + quote(text.get())
                + DidYouMean.hint(text.get(), names));
        return Optional.empty();
    }

    static String yamlName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String yamlNames(Enum<?>[] values) {
        return Arrays.stream(values).map(YamlCursor::yamlName).collect(Collectors.joining(", "));
    }

    private Optional<String> scalarText() {
        if (!isPresent()) {
            return Optional.empty();
        }
        if (!(node instanceof ScalarNode s)) {
            error("expected a value, found " + describe(node));
            return Optional.empty();
        }
        return Optional.of(s.getValue().strip());
    }

    static String describe(Node node) {
        return switch (node) {
            case MappingNode m -> "a map";
            case SequenceNode s -> "a list";
            case ScalarNode s when s.getTag().equals(Tag.NULL) -> "nothing";
            case ScalarNode s -> quote(s.getValue());
            default -> "a " + node.getNodeId();
        };
    }

    static String quote(String text) {
        String t = text.length() > MAX_QUOTED_CHARS ? text.substring(0, MAX_QUOTED_CHARS) + "..." : text;
        return "'" + t + "'";
    }

    static int lineOf(Node node, int fallback) {
        return node == null || node.getStartMark() == null ? fallback : node.getStartMark().getLine() + 1;
    }
}
