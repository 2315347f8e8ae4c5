#!/usr/bin/env bash
# Builds deploy/target/lockstep_<version>_all.deb from a `mvn package` build (run from anywhere).
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$top/controller/target/lockstep.jar"
[ -f "$jar" ] || { echo "build-deb: $jar is missing; run 'mvn -B package' first" >&2; exit 1; }
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$top/pom.xml" | head -n1 | sed 's/-SNAPSHOT/~snapshot/')"
root="$(mktemp -d)"; trap 'rm -rf "$root"' EXIT
install -d "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/lockstep/lib" "$root/lib/systemd/system" \
  "$root/etc/lockstep" "$root/usr/share/doc/lockstep"
sed "s/@VERSION@/$version/" "$top/deploy/debian/control.in" > "$root/DEBIAN/control"
install -m 0755 "$top/deploy/debian/postinst" "$root/DEBIAN/postinst"
install -m 0755 "$top/deploy/debian/lockstep" "$root/usr/bin/lockstep"
install -m 0644 "$jar" "$root/usr/share/lockstep/lockstep.jar"
install -m 0644 "$top"/controller/target/lib/*.jar "$root/usr/share/lockstep/lib/"
install -m 0644 "$top/deploy/site.example.yaml" "$root/usr/share/lockstep/site.example.yaml"
install -m 0644 "$top/deploy/systemd/lockstep@.service" "$root/lib/systemd/system/lockstep@.service"
install -m 0644 "$top/README.md" "$top"/docs/*.md "$root/usr/share/doc/lockstep/"
out="$top/deploy/target"; mkdir -p "$out"
dpkg-deb --root-owner-group --build "$root" "$out/lockstep_${version}_all.deb" >/dev/null
echo "$out/lockstep_${version}_all.deb"
