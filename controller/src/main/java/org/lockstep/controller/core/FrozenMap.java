package org.lockstep.controller.core;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An unmodifiable copy of a map that keeps its iteration order, and is not copied again: {@link #of} returns a
 * {@code FrozenMap} as it is. A {@link ControllerState} is rebuilt for every input; its request memory (up to
 * {@link LockdownMachine#RECENT_REQUESTS_MAX} entries in two maps) was copied eight times per input, door edges
 * included, which capped a 64-door controller at a few thousand inputs a second (docs/PERFORMANCE.md, "Core
 * throughput"). Nothing can change one after it is made: the copy it holds never leaves it, and every mutator of
 * {@link AbstractMap} and of the unmodifiable entry set refuses.
 */
final class FrozenMap<K, V> extends AbstractMap<K, V> {
    private final Map<K, V> map;
    private final Set<Map.Entry<K, V>> entries;

    private FrozenMap(Map<K, V> source) {
        this.map = Collections.unmodifiableMap(new LinkedHashMap<>(source));
        this.entries = map.entrySet();
    }

    /** {@code source} itself if it is a {@code FrozenMap}, otherwise an unmodifiable copy in its iteration order. */
    @SuppressWarnings("unchecked")
    static <K, V> Map<K, V> of(Map<? extends K, ? extends V> source) {
        return source instanceof FrozenMap<?, ?> f ? (Map<K, V>) f : new FrozenMap<>((Map<K, V>) source);
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return entries;
    }

    @Override
    public V get(Object key) {
        return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public int size() {
        return map.size();
    }
}
