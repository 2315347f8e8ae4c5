#!/usr/bin/env python3
"""Issue 11 #4: start-up of one real controller (`lockstep run --board mock`, the shipped jar, a real Mosquitto).

For each variant (JVM options) and journal (empty, a generated year), N cold starts of a fresh process; per start:
  - relays: process start -> systemd READY=1 on $NOTIFY_SOCKET (sent by RunningController once the relays went safe,
    the journal was replayed and every relay re-asserted for the restored mode, and the loop runs)
  - online: process start -> the retained 'online' on the controller's availability topic, seen by a subscriber
Prints a markdown table (p50/p90/max in ms) and appends it to bench/target/bench-results.md.

Run from the repository root after `nice mvn -B -o -q install -DskipTests` (docs/PERFORMANCE.md, "Start-up").
"""
import argparse, os, shutil, socket, subprocess, sys, tempfile, time, glob, statistics, select, signal

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JAR = os.path.join(ROOT, "controller", "target", "lockstep.jar")
SITE = os.path.join(ROOT, "deploy", "site.example.yaml")
CTL = "east-lower"
TARGET = os.path.join(ROOT, "bench", "target")


def java_bin():
    for j in [os.environ.get("LOCKSTEP_JAVA", "")] + sorted(glob.glob("/usr/lib/jvm/*25*/bin/java")) + sorted(
            glob.glob("/usr/lib/jvm/*2[1-9]*/bin/java")):
        if j and os.access(j, os.X_OK):
            return j
    sys.exit("no JDK 21+ found (set LOCKSTEP_JAVA)")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def year_journal(days):
    d = os.path.join(TARGET, "year-journal-%d" % days)
    if not glob.glob(os.path.join(d, "*.lsj")):
        print("generating a %d-day journal in %s (once) ..." % (days, d), flush=True)
        subprocess.run(["nice", "mvn", "-B", "-o", "-q", "-pl", "controller", "-am", "test",
                        "-Dtest=YearJournalBenchmark", "-Dsurefire.failIfNoSpecifiedTests=false",
                        "-Djacoco.skip=true", "-Dlockstep.bench.year=" + d, "-Dlockstep.bench.days=%d" % days],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return d


def start_broker():
    port = free_port()
    conf = tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False)
    conf.write("persistence false\nlistener %d 127.0.0.1\nallow_anonymous true\nset_tcp_nodelay true\n"
               "log_type error\n" % port)
    conf.close()
    p = subprocess.Popen(["/usr/sbin/mosquitto", "-c", conf.name], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return p, port
        except OSError:
            time.sleep(0.02)
    p.kill()
    sys.exit("mosquitto did not start")


def site_file(port, workdir):
    text = open(SITE).read()
    old = "mqtt:\n  broker: embedded\n  port: 1883\n"
    if old not in text:
        sys.exit("site.example.yaml's mqtt block changed: update bench/scripts/startup.py")
    path = os.path.join(workdir, "site.yaml")
    open(path, "w").write(text.replace(old, "mqtt:\n  broker: url\n  url: tcp://127.0.0.1:%d\n" % port))
    return path


def cpu_ms(pid):
    """CPU time (user + system, all threads) the process has used so far, in ms (10 ms resolution)."""
    f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000 // os.sysconf("SC_CLK_TCK")


def one_start(java, jvm_opts, site, journal_src, workdir, timeout_s=30, keep_log=None):
    broker, port = start_broker()
    site = site_file(port, workdir)
    journal = os.path.join(workdir, "journal")
    shutil.rmtree(journal, ignore_errors=True)
    if journal_src:
        shutil.copytree(journal_src, journal)
    else:
        os.makedirs(journal)
    sock_path = os.path.join(workdir, "notify.sock")
    if os.path.exists(sock_path):
        os.unlink(sock_path)
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(sock_path)
    sub = subprocess.Popen(["stdbuf", "-oL", "mosquitto_sub", "-h", "127.0.0.1", "-p", str(port), "-i", "bench-sub",
                            "-t", "lockstep/+/controller/%s/availability" % CTL], stdout=subprocess.PIPE, text=True)
    time.sleep(0.3)  # the subscription is in place before the controller starts
    env = dict(os.environ, NOTIFY_SOCKET=sock_path)
    env.pop("WATCHDOG_USEC", None)
    cmd = [java] + jvm_opts + ["--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                               "-Djava.io.tmpdir=" + workdir, "-jar", JAR, "run", "--config", site, "--controller",
                               CTL, "--journal", journal, "--board", "mock"]
    log = open(os.path.join(workdir, "controller.log"), "w")
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=workdir)
    ready = online = cpu = None
    deadline = t0 + timeout_s
    while (ready is None or online is None) and time.monotonic() < deadline and proc.poll() is None:
        r, _, _ = select.select([notify, sub.stdout], [], [], 0.5)
        now = time.monotonic()
        for f in r:
            if f is notify:
                if b"READY=1" in notify.recv(4096) and ready is None:
                    ready = now - t0
                    cpu = cpu_ms(proc.pid)
            else:
                line = sub.stdout.readline()
                if line.strip() == "online" and online is None:
                    online = now - t0
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    sub.kill()
    sub.wait()
    broker.terminate()
    broker.wait()
    notify.close()
    log.close()
    if ready is None or online is None:
        sys.exit("a start did not finish (ready=%s online=%s); see %s/controller.log" % (ready, online, workdir))
    if keep_log:
        shutil.copy(os.path.join(workdir, "controller.log"), keep_log)
    return ready * 1000, online * 1000, cpu


def rss_watch(java, opts, seconds):
    """An idle `lockstep run` (nothing to do but its timers and MQTT keep-alives): RSS every 10 s."""
    work = tempfile.mkdtemp(prefix="bench-rss-")
    broker, port = start_broker()
    site = site_file(port, work)
    os.makedirs(os.path.join(work, "journal"))
    cmd = [java] + opts + ["--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                           "-Djava.io.tmpdir=" + work, "-jar", JAR, "run", "--config", site, "--controller", CTL,
                           "--journal", os.path.join(work, "journal"), "--board", "mock"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    try:
        for t in range(0, seconds + 1, 10):
            time.sleep(10 if t else 5)
            status = open("/proc/%d/status" % proc.pid).read()
            rss = [l for l in status.splitlines() if l.startswith("VmRSS")][0].split()[1]
            print("%3d s: RSS %.1f MiB (%s; MALLOC_ARENA_MAX=%s)" % (t + 5, int(rss) / 1024, " ".join(opts),
                  os.environ.get("MALLOC_ARENA_MAX", "unset")), flush=True)
    finally:
        proc.terminate()
        proc.wait()
        broker.terminate()
        broker.wait()
        shutil.rmtree(work, ignore_errors=True)


def loadavg():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5, help="measured starts per variant and journal (default 5)")
    ap.add_argument("--days", type=int, default=365, help="the generated journal's length in days (default 365)")
    ap.add_argument("--xmx", default="64m", help="heap of the controller (default 64m)")
    ap.add_argument("--variants", default="default,cds,aot",
                    help="default (no archive), cds (-XX:+AutoCreateSharedArchive), aot (JDK 25 AOT cache), unit (cds as"
                         " the systemd unit runs it: +VerifySharedSpaces, +ExitOnOutOfMemoryError)")
    ap.add_argument("--rss-seconds", type=int, default=0,
                    help="instead: one start (no archive, empty journal), then its RSS every 10 s for this long")
    ap.add_argument("--jvm", default="", help="more JVM options for the controller (space-separated)")
    a = ap.parse_args()
    java = java_bin()
    if a.rss_seconds:
        return rss_watch(java, ["-Xmx" + a.xmx, "-XX:+UseSerialGC"] + a.jvm.split(), a.rss_seconds)
    os.makedirs(TARGET, exist_ok=True)
    year = year_journal(a.days)
    work = tempfile.mkdtemp(prefix="bench-startup-")
    jsa = os.path.join(work, "lockstep.jsa")
    aot = os.path.join(work, "lockstep.aot")
    base = ["-Xmx" + a.xmx, "-XX:+UseSerialGC"]
    variants = {
        "default": base,
        "cds": base + ["-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + jsa],
        "aot": base + ["-XX:AOTCache=" + aot],
        # What deploy/systemd/lockstep@.service and /usr/bin/lockstep give `lockstep run`: cds, the archive's CRC
        # checked at every start, and an OutOfMemoryError ending the process.
        "unit": base + ["-XX:+ExitOnOutOfMemoryError", "-XX:+AutoCreateSharedArchive",
                        "-XX:SharedArchiveFile=" + jsa + ".unit", "-XX:+VerifySharedSpaces"],
    }
    names = a.variants.split(",")
    journals = (("empty", None), ("year (%d days)" % a.days, year))
    load_before = loadavg()
    for v in names:
        if v in ("cds", "unit"):  # the first start with the flag writes the archive: a training start, not measured
            one_start(java, variants[v], SITE, year, work)
        if v == "aot":  # JDK 25 (JEP 514): one training start writes the cache
            one_start(java, base + ["-XX:AOTCacheOutput=" + aot], SITE, year, work)
    results = {(v, j): ([], [], []) for v in names for j, _ in journals}
    # Round-robin, so that the other sessions' load, which comes and goes, falls on every variant alike.
    for i in range(a.runs):
        for v in names:
            for jname, src in journals:
                log = os.path.join(TARGET, "startup-%s.log" % v) if i == a.runs - 1 and src else None
                r, o, c = one_start(java, variants[v], SITE, src, work, keep_log=log)
                for lst, x in zip(results[(v, jname)], (r, o, c)):
                    lst.append(x)
        print("round", i + 1, "of", a.runs, "done", flush=True)
    rows = [(v, j, sorted(r), sorted(o), sorted(c)) for (v, j), (r, o, c) in results.items()]
    load_after = loadavg()

    def q(xs, p):
        return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]

    size = sum(os.path.getsize(f) for f in glob.glob(os.path.join(year, "*"))) / 1048576
    out = ["", "startup.py, %s, %s, %d starts each, JVM %s, year journal %.1f MiB; load %s -> %s" % (
        time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), java, a.runs, " ".join(base), size, load_before,
        load_after), "",
           "| variant | journal | relays p50 ms | p90 | max | MQTT online p50 ms | p90 | max | CPU ms to relays p50 |",
           "|---|---|---|---|---|---|---|---|---|"]
    for v, j, r, o, c in rows:
        out.append("| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |" % (
            v, j, statistics.median(r), q(r, 90), r[-1], statistics.median(o), q(o, 90), o[-1],
            statistics.median(c)))
    text = "\n".join(out) + "\n"
    print(text)
    with open(os.path.join(TARGET, "bench-results.md"), "a") as f:
        f.write(text)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
