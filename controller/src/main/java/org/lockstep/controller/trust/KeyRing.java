package org.lockstep.controller.trust;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The site's public keys: one per holder (a holder rotates by getting a new line in the site file), and the revoked
 * keys, refused at once wherever they appear. Immutable; built from the site file's {@code keys:} section.
 */
public record KeyRing(Map<String, KeyHolder> holders, Set<Ed25519PublicKey> revoked) {
    public static final KeyRing EMPTY = new KeyRing(Map.of(), Set.of());

    public KeyRing {
        holders = Collections.unmodifiableMap(new LinkedHashMap<>(holders));
        revoked = Set.copyOf(revoked);
        holders.forEach((id, h) -> {
            if (!id.equals(h.id())) {
                throw new IllegalArgumentException("holder " + h.id() + " filed under " + id);
            }
        });
    }

    public Optional<KeyHolder> holder(String id) {
        return Optional.ofNullable(holders.get(id));
    }

    public boolean isRevoked(Ed25519PublicKey key) {
        return revoked.contains(key);
    }

    public boolean isEmpty() {
        return holders.isEmpty();
    }
}
