#!/usr/bin/env bash
# Issue 11 #5: the RSS of the 5-controller `lockstep sim` over a 10-minute scripted day (10 drills of the east wing,
# a propped door in each, the all clear), with its embedded broker and MQTT clients on (--mqtt-port), in real time.
# Prints the RSS every 30 s and the Java heap after a full GC (jcmd) at 2 min and at the end.
#
#   bench/scripts/sim-rss.sh [JVM OPTION...]        e.g.  bench/scripts/sim-rss.sh -Xmx128m -XX:+UseSerialGC
#
# The options reach the sim's JVM through JAVA_TOOL_OPTIONS. Needs the JDK's jcmd (found beside the java that
# ./lockstep picks: LOCKSTEP_JAVA or the newest JDK 21+).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d /tmp/lockstep-sim-rss-XXXXXX)"
for _ in $(seq 1 10); do printf 'drill lockdown east\nwait 10\nprop c104\nwait 20\nallclear east\nwait 30\n'; done > "$work/day.txt"
port="${SIM_RSS_PORT:-18731}"
export JAVA_TOOL_OPTIONS="$*"
"$root/lockstep" sim --script "$work/day.txt" --realtime --mqtt-port "$port" > "$work/sim.out" 2>&1 &
launcher=$!
pid=""
for _ in $(seq 1 100); do
  pid="$(pgrep -f -- "sim --script $work/day.txt" | while read -r p; do
    [ "$(readlink "/proc/$p/exe" 2>/dev/null | sed 's#.*/##')" = java ] && echo "$p"; done | head -n1 || true)"
  [ -n "$pid" ] && break
  sleep 0.2
done
[ -n "$pid" ] || { echo "sim-rss: the sim did not start (see $work/sim.out)" >&2; exit 1; }
jcmd="$(dirname "$(readlink "/proc/$pid/exe")")/jcmd"
start=$(date +%s)
echo "sim-rss: $(date -u '+%F %H:%M UTC'), JVM options '${*:-none}', load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| s | RSS MiB | load |"
echo "|---|---|---|"
# Each generation's "total ..., used ..." (G1: the whole heap; serial: DefNew and Tenured) and Metaspace.
heap() { "$jcmd" "$pid" GC.run >/dev/null 2>&1; "$jcmd" "$pid" GC.heap_info 2>/dev/null | grep -E 'total|Metaspace' \
  | sed -E 's/ *\[0x[0-9a-f, x]*\)//' | tr -s ' ' | tr '\n' ';'; }
done2=0
while kill -0 "$pid" 2>/dev/null; do
  t=$(( $(date +%s) - start ))
  rss="$(awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || true)"
  [ -n "$rss" ] && echo "| $t | $rss | $(cut -d' ' -f1 /proc/loadavg) |"
  if [ "$t" -ge 120 ] && [ "$done2" = 0 ]; then echo "heap after a full GC at $t s: $(heap)"; done2=1; fi
  if [ "$t" -ge 570 ] && [ "$done2" = 1 ]; then echo "heap after a full GC at $t s: $(heap)"; done2=2; fi
  sleep 30
done
wait "$launcher" || true
echo "sim-rss: end, load $(cut -d' ' -f1-3 /proc/loadavg); the sim's output: $work/sim.out"
