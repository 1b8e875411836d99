#!/usr/bin/env bash
# Watch-mode latency: how long after a file has settled (its last write plus min-age) `filemill
# watch` delivers it. Starts one watch per mode (min-age 1 s, rescan 10 min, so only the file
# system's events start waves), drops FILES files one at a time at random gaps of 0-2 s, and prints
# the median, 90th percentile and maximum of (delivered - last write - min-age) per mode.
# Usage: scripts/bench-watch.sh [FILES] [MODES]   (default 20 "thread process")
# Needs app/target/filemill (./mvnw -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-20}; modes=${2:-thread process}
filemill=$PWD/app/target/filemill/bin/filemill
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
for mode in $modes; do
  dir=$work/$mode; mkdir -p "$dir/inbox"
  "$filemill" watch --mode "$mode" --inbox "$dir/inbox" --processed "$dir/processed" --failed "$dir/failed" \
    --home "$dir/state" --min-age 1s --rescan 10m --filemill.schedule.port=0 >"$dir/log" 2>&1 &
  until grep -q "watch: watching" "$dir/log"; do
    kill -0 $! 2>/dev/null || { cat "$dir/log"; exit 2; }
    sleep 0.1
  done
done
python3 - "$work" "$files" $modes <<'PY'
import os, random, statistics, sys, time
work, count, modes = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
random.seed(7)
latency = {mode: [] for mode in modes}
for i in range(count):
    time.sleep(random.uniform(0, 2))
    for mode in modes:
        name = f"f{i:04d}.md"
        path = os.path.join(work, mode, "inbox", name)
        with open(path, "w") as f:
            f.write(f"# file   number {i}\n\nbody\n")
        settled = os.stat(path).st_mtime + 1.0
        target = os.path.join(work, mode, "processed", name)
        deadline = time.time() + 120
        while not os.path.exists(target):
            if time.time() > deadline:
                sys.exit(f"{mode}: {name} not delivered within 120 s")
            time.sleep(0.005)
        latency[mode].append(time.time() - settled)
for mode in modes:
    values = sorted(latency[mode])
    p90 = values[max(0, int(len(values) * 0.9) - 1)]
    print(f"{mode:8s} {len(values)} files: after min-age, median {statistics.median(values):.2f} s, "
          f"p90 {p90:.2f} s, max {max(values):.2f} s")
PY
