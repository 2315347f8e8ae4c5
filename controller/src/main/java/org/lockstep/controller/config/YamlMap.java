package org.lockstep.controller.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML map being read. Built from the composed node, so it sees what a plain loader hides: a key written twice
 * (the second would silently win) and keys nobody reads (a typo would silently fall back to a default). Both are
 * reported. Merge keys ({@code <<: *defaults}) are expanded, with the map's own keys winning.
 */
final class YamlMap {
    private final YamlCursor at;
    private final Map<String, NodeTuple> entries;
    private final List<String> knownKeys;

    private YamlMap(YamlCursor at, Map<String, NodeTuple> entries, List<String> knownKeys) {
        this.at = at;
        this.entries = entries;
        this.knownKeys = knownKeys;
    }

    /** @param knownKeys the keys this map may hold, or null when the caller checks keys itself */
    static YamlMap of(YamlCursor at, MappingNode node, List<String> knownKeys) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        Map<String, NodeTuple> merged = new LinkedHashMap<>();
        for (NodeTuple t : node.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                at.child(at.path(), t.getKeyNode()).error("expected a plain key, found " + YamlCursor.describe(t.getKeyNode()));
                continue;
            }
            if (key.getTag().equals(Tag.MERGE)) {
                collectMerge(at, t.getValueNode(), merged);
                continue;
            }
            NodeTuple first = entries.putIfAbsent(key.getValue(), t);
            if (first != null) {
                at.child(childPath(at, key.getValue()), key).error("key '" + key.getValue()
                        + "' appears twice (first at line " + YamlCursor.lineOf(first.getKeyNode(), 0)
                        + "); YAML would silently keep only one");
            }
        }
        merged.forEach(entries::putIfAbsent);
        YamlMap map = new YamlMap(at, entries, knownKeys);
        if (knownKeys != null) {
            map.rejectUnknownKeys();
        }
        return map;
    }

    private static void collectMerge(YamlCursor at, Node value, Map<String, NodeTuple> merged) {
        switch (value) {
            case MappingNode m -> {
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getTag().equals(Tag.MERGE)) {
                        collectMerge(at, t.getValueNode(), merged);
                    } else if (t.getKeyNode() instanceof ScalarNode k) {
                        merged.putIfAbsent(k.getValue(), t);
                    }
                }
            }
            case SequenceNode s -> s.getValue().forEach(v -> collectMerge(at, v, merged));
            default -> at.child(at.path() + ".<<", value).error("expected a map (or list of maps) to merge, found "
                    + YamlCursor.describe(value));
        }
    }

    private void rejectUnknownKeys() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            String key = e.getKey();
            if (!knownKeys.contains(key)) {
                String hint = DidYouMean.hint(key, knownKeys);
                at.child(childPath(at, key), e.getValue().getKeyNode()).error("unknown key '" + key + "'"
                        + (hint.isEmpty() ? "; expected one of " + String.join(", ", knownKeys) : hint));
            }
        }
    }

    YamlCursor at() {
        return at;
    }

    /** The value under {@code key}; an absent cursor (at this map's line) when the key is not there. */
    YamlCursor get(String key) {
        if (knownKeys != null && !knownKeys.contains(key)) {
            throw new IllegalStateException("reading undeclared key '" + key + "' at " + at.path()); // programmer error
        }
        NodeTuple t = entries.get(key);
        return at.child(childPath(at, key), t == null ? null : t.getValueNode());
    }

    /** Like {@link #get}, but a missing or empty value is reported. */
    YamlCursor required(String key) {
        YamlCursor c = get(key);
        if (!c.isPresent()) {
            c.error(entries.containsKey(key) ? "required, but empty" : "required field is missing");
        }
        return c;
    }

    boolean has(String key) {
        return get(key).isPresent();
    }

    /** Every entry, in file order, with the cursor of its key (for maps whose keys are data, like plan rows). */
    List<Entry> entries() {
        List<Entry> list = new ArrayList<>();
        entries.forEach((k, t) -> list.add(new Entry(k, at.child(childPath(at, k), t.getKeyNode()),
                at.child(childPath(at, k), t.getValueNode()))));
        return list;
    }

    record Entry(String key, YamlCursor keyAt, YamlCursor value) {}

    Optional<String> text(String key) {
        return get(key).text();
    }

    private static String childPath(YamlCursor at, String key) {
        return at.path().isEmpty() ? key : at.path() + "." + key;
    }
}
