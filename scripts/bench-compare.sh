#!/usr/bin/env bash
# filemill's own speed targets, checked on a `filemill compare` run: the ratios of medians this
# project promises (thread mode fast against the plain baseline, durable against fast, process
# against thread) and the time limits (first file delivered, worker JVM start-up). They are this
# project's acceptance criteria, not part of the user's report, so they live here.
# Usage: scripts/bench-compare.sh [COMPARE OPTIONS]   (default --files 20000 --repeat 3)
#        scripts/bench-compare.sh --report DIR        (check an existing report)
# Needs app/target/filemill (./mvnw -q -DskipTests package). Exits 1 when a target is not met.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--report" ]; then
  dir=$2
else
  dir=$(mktemp -d)/compare
  [ $# -gt 0 ] || set -- --files 20000 --repeat 3
  app/target/filemill/bin/filemill compare --out "$dir" "$@"
fi
python3 - "$dir/report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
summaries = {}
for s in report["summaries"]:
    c = s["configuration"]
    summaries[(c["mode"], c["workers"], c["durability"])] = {k: v["median"] for k, v in s["stats"].items()}

def rate(key):
    return summaries.get(key, {}).get("FILES_PER_SECOND")

def label(key):
    mode, workers, durability = key
    return ("baseline forced" if durability == "durable" else "baseline") if mode == "baseline" \
        else f"{mode} x{workers} {durability}"

targets = []  # (name, measured, bound, at_least, unit)
for key in summaries:
    mode, workers, durability = key
    if mode == "baseline":
        continue
    if mode == "thread" and durability == "fast" and rate(("baseline", 1, "fast")):
        targets.append((f"{label(key)} / baseline (files/s)", rate(key) / rate(("baseline", 1, "fast")), 0.8, True))
    if durability == "durable" and rate((mode, workers, "fast")):
        targets.append((f"{label(key)} / {label((mode, workers, 'fast'))} (files/s)",
                        rate(key) / rate((mode, workers, "fast")), 0.65, True))
    if mode == "process" and rate(("thread", workers, durability)):
        targets.append((f"{label(key)} / {label(('thread', workers, durability))} (files/s)",
                        rate(key) / rate(("thread", workers, durability)), 0.7, True))
    first = summaries[key].get("FIRST_DELIVERED_MILLIS")
    if first is not None:
        targets.append((f"{label(key)}: launch to first file delivered (ms)", first, 1500, False))
    start = summaries[key].get("WORKER_STARTUP_MILLIS")
    if start is not None:
        targets.append((f"{label(key)}: worker JVM start to ready (ms)", start, 300, False))
missed = 0
print(f"speed targets, {report['corpus']['files']} files, {report['repeats']} rounds (medians):")
for name, measured, bound, at_least in targets:
    met = measured >= bound if at_least else measured < bound
    missed += not met
    shown = f"{measured:.2f} (target >= {bound:.2f})" if at_least else f"{measured:.0f} (target < {bound:.0f})"
    print(f"  {name}: {shown}: {'met' if met else 'NOT met'}")
sys.exit(1 if missed else 0)
PY
