#!/usr/bin/env bash
# Worker JVM start-up (launch to READY) in process mode: runs `filemill run --mode process
# --workers 1` on an empty inbox RUNS times after one warm-up run (which creates the class data
# archive), two workers per run, and prints the median, min and max over all workers.
# Usage: scripts/bench-worker-start.sh [RUNS] [JAVA] [true|false: class data sharing]
# Needs app/target/filemill.jar (./mvnw -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}; java=${2:-java}; cds=${3:-true}
jar=$PWD/app/target/filemill.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/inbox"
for i in $(seq 0 "$runs"); do
  "$java" -jar "$jar" run --mode process --workers 1 --inbox "$work/inbox" --processed "$work/processed" \
    --failed "$work/failed" --home "$work/state" --filemill.worker.class-data-sharing="$cds" >/dev/null 2>&1
done
python3 - "$work/state/runs" "$("$java" -version 2>&1 | head -1)" "$cds" <<'PY'
import glob, json, statistics, sys
files = sorted(glob.glob(sys.argv[1] + "/run-*.json"), key=lambda p: int(p.rsplit("-", 1)[1].split(".")[0]))[1:]
millis = [m for f in files for m in json.load(open(f))["workerStartupMillis"]]
print(f"{sys.argv[2]} (class data sharing {sys.argv[3]}): {len(millis)} workers, "
      f"median {statistics.median(millis):.0f} ms, min {min(millis)} ms, max {max(millis)} ms")
PY
