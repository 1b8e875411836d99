#!/usr/bin/env bash
# Throughput of `filemill run` in thread and process mode on the same generated corpus,
# interleaved (thread, process, thread, process, ...), each run on a fresh copy and in its own JVM.
# Usage: scripts/bench-modes.sh [FILES] [REPEATS] [extra run options...]
# Needs app/target/filemill.jar (./mvnw -q -DskipTests package). Prints one line per run and the
# medians; the pipeline's files/s comes from the run report, the total includes JVM and Spring start.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-20000}; repeats=${2:-3}; shift $(( $# > 2 ? 2 : $# )) || true
jar=app/target/filemill.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -jar "$jar" generate --files "$files" --out "$work/corpus" >/dev/null
for r in $(seq 1 "$repeats"); do
  for mode in thread process; do
    dir="$work/$mode-$r"
    mkdir -p "$dir" && cp -r "$work/corpus" "$dir/inbox" && sync
    start=$(date +%s%N)
    java -jar "$jar" run --mode "$mode" --workers 2 --inbox "$dir/inbox" --processed "$dir/processed" \
      --failed "$dir/failed" --home "$dir/state" "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    python3 - "$mode" "$dir/state/runs/run-1.json" "$start" "$end" "$files" <<'PY'
import json, sys
mode, report, start, end, files = sys.argv[1], json.load(open(sys.argv[2])), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
total = (end - start) / 1e9
print(f"{mode:8s} pipeline {report['filesPerSecond']:8.0f} files/s   total {total:6.2f} s = {files/total:6.0f} files/s   delivered {report['delivered']}")
PY
    rm -rf "$dir"
  done
done | tee "$work/lines"
python3 - "$work/lines" <<'PY'
import sys, statistics, re
rows = {}
for line in open(sys.argv[1]):
    mode, pipeline, total = line.split()[0], float(line.split()[2]), float(re.search(r"= *(\d+) files/s", line).group(1))
    rows.setdefault(mode, []).append((pipeline, total))
for mode, values in rows.items():
    print(f"median {mode:8s} pipeline {statistics.median(v[0] for v in values):8.0f} files/s   end to end {statistics.median(v[1] for v in values):6.0f} files/s")
if 'thread' in rows and 'process' in rows:
    ratio = statistics.median(v[0] for v in rows['process']) / statistics.median(v[0] for v in rows['thread'])
    print(f"process / thread (pipeline files/s): {ratio:.2f}")
PY
