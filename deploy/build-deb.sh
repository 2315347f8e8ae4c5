#!/usr/bin/env bash
# Builds deploy/target/lockstep_<version>_all.deb (the controller firmware) and lockstep-console_<version>_all.deb
# (the front office's console, which needs the first) from a `mvn package` build (run from anywhere); prints the
# two paths, one per line. LOCKSTEP_MAINTAINER overrides the Maintainer field (default: the project's address below).
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$top/controller/target/lockstep.jar"
console_jar="$(ls "$top"/console/target/lockstep-console-*.jar 2>/dev/null | grep -v -e '-tests.jar$' -e '-sources.jar$' | head -n1 || true)"
for f in "$jar" "$console_jar" "$top/console/target/lib"; do
  [ -e "$f" ] || { echo "build-deb: ${f:-console/target/lockstep-console-*.jar} is missing; run 'mvn -B package' first" >&2; exit 1; }
done
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$top/pom.xml" | head -n1 | sed 's/-SNAPSHOT/~snapshot/')"
maintainer="${LOCKSTEP_MAINTAINER:-Lockstep maintainers <maintainers@users.noreply.h-seed-a9e17b72.example>}"
# The changelog's date is the last commit's (reproducible), or now outside a git checkout.
date="$(git -C "$top" log -1 --format=%cD 2>/dev/null || date -R)"
root="$(mktemp -d)"; croot="$(mktemp -d)"; trap 'rm -rf "$root" "$croot"' EXIT
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
# Control file, md5sums and the archive for the package staged in $1 from the control template $2; prints its path.
package() {
  local dir="$1" template="$2" name="$3" size
  size="$(du -sk --exclude=DEBIAN "$dir" | cut -f1)"
  sed -e "s/@VERSION@/$version/" -e "s/@MAINTAINER@/$maintainer/" -e "s/@SIZE@/$size/" "$template" \
    > "$dir/DEBIAN/control"
  (cd "$dir" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
    > "$dir/DEBIAN/md5sums"
  dpkg-deb --root-owner-group -Zxz --build "$dir" "$out/${name}_${version}_all.deb" >/dev/null
  echo "$out/${name}_${version}_all.deb"
}
out="$top/deploy/target"; mkdir -p "$out"
package "$root" "$top/deploy/debian/control.in" lockstep

# lockstep-console: the console's jars that the firmware does not already ship, beside it on one class path
# (/usr/bin/lockstep adds them for `lockstep console` only). A jar the firmware has in another version would put two
# on that path: refused, align the version in the parent pom.
cdoc="$croot/usr/share/doc/lockstep-console"
install -d "$croot/DEBIAN" "$croot/usr/share/lockstep/console" "$croot/lib/systemd/system" "$cdoc"
install -m 0755 "$top/deploy/debian/console/postinst" "$croot/DEBIAN/postinst"
install -m 0644 "$console_jar" "$croot/usr/share/lockstep/console/lockstep-console.jar"
artifact() { basename "$1" | sed -E 's/-[0-9][^/]*\.jar$//'; }
for lib in "$top"/console/target/lib/*.jar; do
  name="$(basename "$lib")"
  [ -e "$top/controller/target/lib/$name" ] && continue
  case "$name" in
    lockstep-controller-*) continue ;; # lockstep.jar itself
    moquette-*|netty-*|lockstep-sim-*|lockstep-simulator-*|lockstep-embedded-broker-*|junit-*|mockito-*|selenium-*)
      echo "build-deb: refusing to ship $name in the console" >&2; exit 1 ;;
  esac
  for have in "$top"/controller/target/lib/*.jar; do
    if [ "$(artifact "$have")" = "$(artifact "$lib")" ]; then
      echo "build-deb: the console needs $name, the firmware ships $(basename "$have"): align them" >&2; exit 1
    fi
  done
  install -m 0644 "$lib" "$croot/usr/share/lockstep/console/"
done
install -m 0644 "$top/deploy/systemd/lockstep-console.service" "$croot/lib/systemd/system/lockstep-console.service"
install -m 0644 "$top/docs/CONSOLE.md" "$cdoc/"
install -m 0644 "$top/deploy/debian/console/copyright" "$cdoc/copyright"
sed -e "s/@VERSION@/$version/" -e "s/@MAINTAINER@/$maintainer/" -e "s/@DATE@/$date/" \
  "$top/deploy/debian/console/changelog.in" | gzip -9n > "$cdoc/changelog.gz"
chmod 0644 "$cdoc/changelog.gz"
if [ -s "$top/deploy/debian/console/lintian-overrides" ]; then
  install -d "$croot/usr/share/lintian/overrides"
  install -m 0644 "$top/deploy/debian/console/lintian-overrides" "$croot/usr/share/lintian/overrides/lockstep-console"
fi
package "$croot" "$top/deploy/debian/console/control.in" lockstep-console
