#!/usr/bin/env bash
# Start-up of two builds side by side (A/B): launch to exit on an empty inbox, and launch to the
# first file in processed/ (and to exit) on a generated corpus, in thread mode, fast delivery. The
# two distributions run interleaved (A B, then B A), warm cache (after one untimed round each),
# each run on a fresh copy of the corpus; medians and quartiles per build. This is how the start-up
# rows of the README's tables are measured: one change at a time, against a build without it. A
# distribution's class data archive is bound to its path, so build B in a clone of its own
# (git clone . /tmp/b && cd /tmp/b && ./mvnw -q -DskipTests package), not in a copy of A.
# Usage: scripts/bench-start.sh DIST_A DIST_B [ROUNDS (default 15)] [FILES (default 2000)] [MODE (thread)]
#        DIST is a filemill distribution directory, for example app/target/filemill
# Extra JVM options for both: FILEMILL_JAVA_OPTS.
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
a=$(cd "$1" && pwd); b=$(cd "$2" && pwd)
rounds=${3:-15}; files=${4:-2000}; mode=${5:-thread}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$a/bin/filemill" generate --files "$files" --profile mixed --out "$work/corpus" -q >/dev/null
python3 - "$a" "$b" "$rounds" "$mode" "$work" <<'PY'
import os, shutil, statistics, subprocess, sys, time
dists, rounds, mode, work = sys.argv[1:3], int(sys.argv[3]), sys.argv[4], sys.argv[5]

def quartiles(values):
    q = statistics.quantiles(values, n=4) if len(values) > 1 else values * 3
    return f"median {statistics.median(values):.3f}, quartiles {q[0]:.3f}-{q[2]:.3f}"

def home(dist):
    # one state directory per build, kept across rounds as a nightly run keeps its own: in process
    # mode it holds the worker JVMs' class data archives, which the untimed round creates
    return f"{work}/state-{dists.index(dist)}"

def empty_run(dist):
    d = f"{work}/empty"
    os.makedirs(f"{d}/inbox", exist_ok=True)
    started = time.monotonic()
    subprocess.run([f"{dist}/bin/filemill", "run", "--inbox", f"{d}/inbox", "--processed", f"{d}/processed",
                    "--failed", f"{d}/failed", "--home", home(dist), "-q"], check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started

def corpus_run(dist):
    d = f"{work}/run"
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(f"{work}/corpus", f"{d}/inbox")
    os.makedirs(f"{d}/processed")
    started = time.monotonic()
    process = subprocess.Popen([f"{dist}/bin/filemill", "run", "--inbox", f"{d}/inbox", "--processed",
                                f"{d}/processed", "--failed", f"{d}/failed", "--home", home(dist), "-q",
                                "--mode", mode, "--durability", "fast", "--min-age", "0s"], stdout=subprocess.DEVNULL)
    first = None
    while process.poll() is None:
        if first is None and any(not name.startswith(".") for name in os.listdir(f"{d}/processed")):
            first = time.monotonic() - started
        time.sleep(0.002 if first is None else 0.01)
    ended = time.monotonic() - started
    if process.returncode not in (0, 1):
        sys.exit(f"{dist}: run exited {process.returncode}")
    return (ended if first is None else first), ended

for dist in dists:  # one untimed round each: state directories made, files read into the cache
    empty_run(dist)
    corpus_run(dist)
results = {dist: {"empty": [], "first": [], "exit": []} for dist in dists}
for round_ in range(rounds):
    for dist in (dists if round_ % 2 == 0 else dists[::-1]):
        results[dist]["empty"].append(empty_run(dist))
        first, ended = corpus_run(dist)
        results[dist]["first"].append(first)
        results[dist]["exit"].append(ended)
print(f"{rounds} rounds, interleaved, {mode} mode, warm cache (seconds)")
for label, dist in zip("AB", dists):
    r = results[dist]
    print(f"{label} {dist}\n  empty inbox, launch to exit: {quartiles(r['empty'])}\n"
          f"  launch to first file:        {quartiles(r['first'])}\n"
          f"  launch to exit with files:   {quartiles(r['exit'])}")
PY
