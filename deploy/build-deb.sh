#!/usr/bin/env bash
# Builds deploy/target/lockstep_<version>_all.deb from a `mvn package` build (run from anywhere).
# LOCKSTEP_MAINTAINER overrides the Maintainer field (default: the project's address below).
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$top/controller/target/lockstep.jar"
[ -f "$jar" ] || { echo "build-deb: $jar is missing; run 'mvn -B package' first" >&2; exit 1; }
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$top/pom.xml" | head -n1 | sed 's/-SNAPSHOT/~snapshot/')"
maintainer="${LOCKSTEP_MAINTAINER:-Lockstep maintainers <maintainers@users.noreply.h-seed-a9e17b72.example>}"
# The changelog's date is the last commit's (reproducible), or now outside a git checkout.
date="$(git -C "$top" log -1 --format=%cD 2>/dev/null || date -R)"
root="$(mktemp -d)"; trap 'rm -rf "$root"' EXIT
doc="$root/usr/share/doc/lockstep"
install -d "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/lockstep/lib" "$root/lib/systemd/system" \
  "$root/etc/lockstep" "$doc" "$root/usr/share/man/man1"
install -m 0755 "$top/deploy/debian/postinst" "$root/DEBIAN/postinst"
install -m 0755 "$top/deploy/debian/lockstep" "$root/usr/bin/lockstep"
install -m 0644 "$jar" "$root/usr/share/lockstep/lockstep.jar"
# Only what the controller runs: test-only and unused jars never reach a Pi (jsch is excluded in hal/pom.xml), and
# neither the simulator nor a broker (a building runs Mosquitto; controller/pom.xml has them in test scope only).
for lib in "$top"/controller/target/lib/*.jar; do
  case "$(basename "$lib")" in
    jsch-*|junit-*|mockito-*|archunit-*|byte-buddy*|objenesis-*|opentest4j-*|apiguardian-*|moquette-*|netty-*|\
    lockstep-sim-*|lockstep-simulator-*|lockstep-embedded-broker-*)
      echo "build-deb: refusing to ship $(basename "$lib")" >&2; exit 1 ;;
  esac
  install -m 0644 "$lib" "$root/usr/share/lockstep/lib/"
done
install -m 0644 "$top/deploy/site.example.yaml" "$root/usr/share/lockstep/site.example.yaml"
# the example's floor plans, beside it as its map: section names them (a copy of the example takes them along)
install -m 0644 "$top/deploy/lincoln-ground.svg" "$top/deploy/lincoln-first.svg" "$root/usr/share/lockstep/"
install -m 0644 "$top/deploy/systemd/lockstep@.service" "$root/lib/systemd/system/lockstep@.service"
install -m 0644 "$top/README.md" "$top"/docs/*.md "$top/docs/asyncapi.yaml" "$doc/"
install -m 0644 "$top/deploy/debian/copyright" "$doc/copyright"
sed -e "s/@VERSION@/$version/" -e "s/@MAINTAINER@/$maintainer/" -e "s/@DATE@/$date/" \
  "$top/deploy/debian/changelog.in" | gzip -9n > "$doc/changelog.gz"
gzip -9n < "$top/deploy/debian/lockstep.1" > "$root/usr/share/man/man1/lockstep.1.gz"
# lintian overrides, each with its reason, are in deploy/debian/lintian-overrides.
if [ -s "$top/deploy/debian/lintian-overrides" ]; then
  install -d "$root/usr/share/lintian/overrides"
  install -m 0644 "$top/deploy/debian/lintian-overrides" "$root/usr/share/lintian/overrides/lockstep"
fi
chmod 0644 "$doc/changelog.gz" "$root/usr/share/man/man1/lockstep.1.gz"
size="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@MAINTAINER@/$maintainer/" -e "s/@SIZE@/$size/" \
  "$top/deploy/debian/control.in" > "$root/DEBIAN/control"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
  > "$root/DEBIAN/md5sums"
out="$top/deploy/target"; mkdir -p "$out"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/lockstep_${version}_all.deb" >/dev/null
echo "$out/lockstep_${version}_all.deb"
