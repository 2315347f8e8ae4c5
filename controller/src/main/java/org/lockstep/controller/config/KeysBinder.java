package org.lockstep.controller.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.lockstep.controller.core.OperatorSpec;
import org.lockstep.controller.core.Permission;
import org.lockstep.controller.trust.Ed25519PublicKey;
import org.lockstep.controller.trust.KeyHolder;
import org.lockstep.controller.trust.KeyRing;

/**
 * The site file's {@code keys:} section (docs/SECURITY.md): the public key of each operator, office console device and
 * controller, and the revoked keys. A key is given inline (base64) or found as {@code <dir>/<holder>.pub} beside the
 * site file. A holder without a key is a warning naming the holder and the command that makes one: the file is still
 * valid, but that holder's commands (or that controller's peer messages) will be refused.
 *
 * <p>Consoles become operators of the core with INITIATE only, so the core's permission check by source id holds for
 * them too.
 */
final class KeysBinder {
    static final List<String> FIELDS = List.of("dir", "operators", "consoles", "controllers", "revoked");
    /** A .pub file is one line of 44 characters; a bigger file is not one. */
    private static final int MAX_PUB_FILE_BYTES = 512;

    /** What the section gives the rest of the site: the key ring, and the consoles as INITIATE-only operators. */
    record Bound(KeyRing ring, List<OperatorSpec> consoleOperators) {}

    private final Map<String, KeyHolder> holders = new LinkedHashMap<>();
    private final Map<Ed25519PublicKey, String> keyOwners = new LinkedHashMap<>();
    private final List<OperatorSpec> consoles = new ArrayList<>();
    private Optional<Path> dir = Optional.empty();

    static Bound bind(YamlCursor at, Path siteFile, List<OperatorSpec> operators, Set<String> controllerIds,
            Set<String> zoneIds) {
        return new KeysBinder().run(at, siteFile, operators, controllerIds, zoneIds);
    }

    private Bound run(YamlCursor at, Path siteFile, List<OperatorSpec> operators, Set<String> controllerIds,
            Set<String> zoneIds) {
        if (!at.isPresent()) {
            if (!operators.isEmpty() || !controllerIds.isEmpty()) {
                at.warn("no 'keys:' section: no operator, console or controller has a key, so every command and peer "
                        + "message will be refused as unsigned; missing: "
                        + (operators.isEmpty() ? "" : "operators " + String.join(", ",
                                operators.stream().map(OperatorSpec::id).toList()) + "; ")
                        + "controllers " + String.join(", ", controllerIds)
                        + "; make keys with `lockstep keys new --holder ID` (docs/SECURITY.md)");
            }
            return new Bound(KeyRing.EMPTY, List.of());
        }
        Optional<YamlMap> m = at.map(FIELDS.toArray(String[]::new));
        if (m.isEmpty()) {
            return new Bound(KeyRing.EMPTY, List.of());
        }
        YamlCursor dirAt = m.get().get("dir");
        dirAt.text().ifPresent(d -> {
            Path base = siteFile.toAbsolutePath().getParent();
            Path resolved = base == null ? Path.of(d) : base.resolve(d);
            if (!Files.isDirectory(resolved)) {
                dirAt.error("key directory " + resolved + " does not exist; expected <holder>.pub files there");
            } else {
                dir = Optional.of(resolved);
            }
        });
        Set<Ed25519PublicKey> revoked = new LinkedHashSet<>();
        for (YamlCursor r : m.get().get("revoked").list()) {
            key(r).ifPresent(k -> {
                if (!revoked.add(k)) {
                    r.warn("key " + k.shortId() + "… is listed twice under revoked");
                }
            });
        }
        Map<String, OperatorSpec> byId = new LinkedHashMap<>();
        operators.forEach(o -> byId.put(o.id(), o));
        Set<String> named = new HashSet<>();
        for (YamlMap.Entry e : entries(m.get().get("operators"))) {
            OperatorSpec op = byId.get(e.key());
            if (op == null) {
                e.keyAt().error("'" + e.key() + "' is not an operator of this site; expected one of "
                        + String.join(", ", byId.keySet()) + DidYouMean.hint(e.key(), byId.keySet()));
                continue;
            }
            named.add(e.key());
            entry(e, "operator", List.of("key", "zones")).ifPresent(v -> {
                Optional<Set<String>> zones = v.map().flatMap(vm -> zones(vm.get("zones"), zoneIds));
                add(e, new KeyHolder(e.key(), KeyHolder.Kind.OPERATOR, v.key(), op.permissions(), zones), revoked);
            });
        }
        for (YamlMap.Entry e : entries(m.get().get("consoles"))) {
            if (byId.containsKey(e.key()) || controllerIds.contains(e.key())) {
                e.keyAt().error("console id '" + e.key() + "' is already an operator or controller id; a console "
                        + "device needs its own id (e.g. front-desk)");
                continue;
            }
            if (!org.lockstep.controller.core.Ids.isValid(e.key())) {
                e.keyAt().error("expected a console id of " + org.lockstep.controller.core.Ids.RULE);
                continue;
            }
            entry(e, "console", List.of("key", "name")).ifPresent(v -> {
                String name = v.map().flatMap(vm -> vm.text("name")).orElse("console " + e.key());
                add(e, new KeyHolder(e.key(), KeyHolder.Kind.CONSOLE, v.key(), EnumSet.of(Permission.INITIATE),
                        Optional.empty()), revoked);
                consoles.add(new OperatorSpec(e.key(), name, EnumSet.of(Permission.INITIATE)));
            });
        }
        for (YamlMap.Entry e : entries(m.get().get("controllers"))) {
            if (!controllerIds.contains(e.key())) {
                e.keyAt().error("'" + e.key() + "' is not a controller of this site; expected one of "
                        + String.join(", ", controllerIds) + DidYouMean.hint(e.key(), controllerIds));
                continue;
            }
            named.add("controller:" + e.key());
            entry(e, "controller", List.of("key")).ifPresent(v -> add(e, new KeyHolder(e.key(),
                    KeyHolder.Kind.CONTROLLER, v.key(), Set.of(), Optional.empty()), revoked));
        }
        fromDirectory(at, operators, controllerIds, named, revoked);
        return new Bound(new KeyRing(holders, revoked), List.copyOf(consoles));
    }

    /** Holders the section does not name get {@code <dir>/<id>.pub} if it exists; else a warning says what to do. */
    private void fromDirectory(YamlCursor at, List<OperatorSpec> operators, Set<String> controllerIds,
            Set<String> named, Set<Ed25519PublicKey> revoked) {
        for (OperatorSpec op : operators) {
            if (!named.contains(op.id())) {
                Optional<Ed25519PublicKey> k = pubFile(at, op.id());
                k.ifPresent(key -> put(at, new KeyHolder(op.id(), KeyHolder.Kind.OPERATOR, key, op.permissions(),
                        Optional.empty()), revoked));
                if (k.isEmpty() && !op.permissions().isEmpty()) {
                    at.warn("operator '" + op.id() + "' has no key, so their commands will be refused: make one with "
                            + "`lockstep keys new --holder " + op.id() + "` and add its line under keys.operators"
                            + dir.map(d -> " (or put " + op.id() + ".pub in " + d + ")").orElse(""));
                }
            }
        }
        for (String c : controllerIds) {
            if (!named.contains("controller:" + c)) {
                Optional<Ed25519PublicKey> k = pubFile(at, c);
                k.ifPresent(key -> put(at, new KeyHolder(c, KeyHolder.Kind.CONTROLLER, key, Set.of(),
                        Optional.empty()), revoked));
                if (k.isEmpty()) {
                    at.warn("controller '" + c + "' has no key, so the other controllers will refuse its zone modes "
                            + "and panic/detector shares: make one with `lockstep keys new --holder " + c
                            + " --dir /etc/lockstep/keys` on it and add its line under keys.controllers");
                }
            }
        }
    }

    private Optional<Ed25519PublicKey> pubFile(YamlCursor at, String holder) {
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        Path file = dir.get().resolve(holder + ".pub");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            if (Files.size(file) > MAX_PUB_FILE_BYTES) {
                at.error(file + ": not a public key file (larger than " + MAX_PUB_FILE_BYTES + " bytes)");
                return Optional.empty();
            }
            return Optional.of(Ed25519PublicKey.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            at.error(file + ": cannot read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            at.error(file + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    private record Value(Ed25519PublicKey key, Optional<YamlMap> map) {}

    /** An entry's value: a key, or a map with {@code key} and the kind's extra fields; no key → {@code <dir>/<id>.pub}. */
    private Optional<Value> entry(YamlMap.Entry e, String kind, List<String> fields) {
        YamlCursor v = e.value();
        if (v.isPresent() && v.node() instanceof org.yaml.snakeyaml.nodes.MappingNode) {
            Optional<YamlMap> vm = v.map(fields.toArray(String[]::new));
            if (vm.isEmpty()) {
                return Optional.empty();
            }
            Optional<Ed25519PublicKey> k = vm.get().has("key") ? key(vm.get().get("key")) : fromDir(e, kind);
            return k.map(key -> new Value(key, vm));
        }
        return (v.isPresent() ? key(v) : fromDir(e, kind)).map(key -> new Value(key, Optional.empty()));
    }

    private Optional<Ed25519PublicKey> fromDir(YamlMap.Entry e, String kind) {
        Optional<Ed25519PublicKey> k = pubFile(e.keyAt(), e.key());
        if (k.isEmpty()) {
            e.keyAt().error(kind + " '" + e.key() + "' has no key: give it inline (base64) or put " + e.key()
                    + ".pub in the keys directory" + (dir.isEmpty() ? " (keys.dir is not set)" : " " + dir.get()));
        }
        return k;
    }

    private static Optional<Ed25519PublicKey> key(YamlCursor at) {
        Optional<String> text = at.text();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Ed25519PublicKey.parse(text.get()));
        } catch (IllegalArgumentException e) {
            at.error(e.getMessage() + "; found " + YamlCursor.quote(text.get().length() > 60
                    ? text.get().substring(0, 60) + "…" : text.get())
                    + ". Paste the line `lockstep keys new` printed, or the .pub file's content");
            return Optional.empty();
        }
    }

    private static Optional<Set<String>> zones(YamlCursor at, Set<String> zoneIds) {
        if (!at.isPresent()) {
            return Optional.empty();
        }
        Set<String> zones = new LinkedHashSet<>();
        for (YamlCursor z : at.list()) {
            z.text().ifPresent(id -> {
                if (!zoneIds.contains(id)) {
                    z.error("unknown zone '" + id + "'; expected one of " + String.join(", ", zoneIds)
                            + DidYouMean.hint(id, zoneIds));
                } else {
                    zones.add(id);
                }
            });
        }
        if (zones.isEmpty()) {
            at.error("zones: expected a list of zone ids this holder may act in (leave it out for the whole site)");
            return Optional.empty();
        }
        return Optional.of(zones);
    }

    private static List<YamlMap.Entry> entries(YamlCursor at) {
        return at.anyMap().map(YamlMap::entries).orElse(List.of());
    }

    private void add(YamlMap.Entry e, KeyHolder h, Set<Ed25519PublicKey> revoked) {
        put(e.keyAt(), h, revoked);
    }

    private void put(YamlCursor at, KeyHolder h, Set<Ed25519PublicKey> revoked) {
        if (holders.containsKey(h.id())) {
            at.error("'" + h.id() + "' is both a " + holders.get(h.id()).kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " and a " + h.kind().name().toLowerCase(java.util.Locale.ROOT) + "; a key holder's id must be "
                    + "unique across operators, consoles and controllers");
            return;
        }
        String other = keyOwners.putIfAbsent(h.key(), h.id());
        if (other != null) {
            at.error("the key of '" + h.id() + "' is also the key of '" + other + "'; each holder needs its own key "
                    + "(a signature must prove who sent it)");
            return;
        }
        if (revoked.contains(h.key())) {
            at.warn(h.kind().name().toLowerCase(java.util.Locale.ROOT) + " '" + h.id() + "' has a revoked key ("
                    + h.key().shortId() + "…): everything it signs is refused; make a new one with "
                    + "`lockstep keys new --holder " + h.id() + "`");
        }
        holders.put(h.id(), h);
    }
}
