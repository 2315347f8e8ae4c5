#!/usr/bin/env bash
# Runs a command on "one Raspberry Pi 4 core" (issue 11 #6): pinned to one CPU of this machine, with a CFS quota that
# makes that CPU as fast as a Pi 4 core on sysbench 1.0.20's single-thread CPU test.
#
#   sudo bench/scripts/pi4-core.sh [--pi4-events N] -- COMMAND [ARG...]
#
# Calibration, every run: sysbench's single-thread score here (10 s, outside the quota) against the published Pi 4
# score, 1477.83 events/s (`sysbench cpu --threads=1 --time=60 run`, sysbench 1.0.20, Raspberry Pi 4 at 1.5 GHz:
# https://leoncode.co.uk/articles/raspberry-pi-benchmarks). The quota is 1 ms of CPU per period, the period chosen so
# that the ratio matches (a short period: the throttled gaps, at most period - 1 ms, stay short, as on a slow core
# that is never paused); then sysbench runs again inside the quota and its score is printed beside the Pi's.
#
# Needs root and cgroup v1's cpu and cpuset controllers (/sys/fs/cgroup/cpu, /sys/fs/cgroup/cpuset), and sysbench
# (apt-get install sysbench). Everything COMMAND starts (a surefire fork, Mosquitto) shares the one quota'd core.
set -euo pipefail
pi4=1477.83
while [ $# -gt 0 ]; do
  case "$1" in
    --pi4-events) pi4="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "pi4-core.sh: unknown option $1 (usage: pi4-core.sh [--pi4-events N] -- COMMAND...)" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "pi4-core.sh: no command given (usage: pi4-core.sh [--pi4-events N] -- COMMAND...)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "pi4-core.sh: needs root (it writes cgroup limits)" >&2; exit 1; }
command -v sysbench >/dev/null || { echo "pi4-core.sh: needs sysbench (apt-get install sysbench)" >&2; exit 1; }
cpu=/sys/fs/cgroup/cpu cpuset=/sys/fs/cgroup/cpuset
[ -f "$cpu/cpu.cfs_quota_us" ] && [ -f "$cpuset/cpuset.cpus" ] \
  || { echo "pi4-core.sh: needs cgroup v1 cpu and cpuset controllers under /sys/fs/cgroup (not found)" >&2; exit 1; }

score() { sysbench cpu --threads=1 --time=10 run | sed -n 's/^ *events per second: *//p'; }

here="$(score)"
period="$(awk -v h="$here" -v p="$pi4" 'BEGIN { r = p / h; if (r >= 1) exit 1; printf "%d", 1000 / r + 0.5 }')" \
  || { echo "pi4-core.sh: this machine ($here events/s) is not faster than a Pi 4 core ($pi4): nothing to limit" >&2; exit 1; }
mkdir -p "$cpu/lockstep-pi4" "$cpuset/lockstep-pi4"
echo 0 > "$cpuset/lockstep-pi4/cpuset.cpus"
cat "$cpuset/cpuset.mems" > "$cpuset/lockstep-pi4/cpuset.mems"
echo -1 > "$cpu/lockstep-pi4/cpu.cfs_quota_us"
echo "$period" > "$cpu/lockstep-pi4/cpu.cfs_period_us"
echo 1000 > "$cpu/lockstep-pi4/cpu.cfs_quota_us"
echo $$ > "$cpu/lockstep-pi4/cgroup.procs"
echo $$ > "$cpuset/lockstep-pi4/cgroup.procs"
limited="$(score)"
echo "pi4-core: sysbench here $here events/s; quota 1000 us per $period us on CPU 0: $limited events/s (Pi 4: $pi4)" \
  "; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exec "$@"
