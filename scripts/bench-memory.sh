#!/usr/bin/env bash
# Memory bounds (#4): the parent's heap on an inbox of many files, and one very large file under a
# small heap in both modes. Each run goes through bin/filemill with the heap limit given, must
# deliver everything, and prints the peak heap and peak RSS from its run report.
# Usage: scripts/bench-memory.sh [FILES (200000)] [BIG FILE MiB (1024)]
# Needs app/target/filemill (./mvnw -q -DskipTests package); uses about 2x the big file on disk.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-200000}; big_mib=${2:-1024}
filemill=$PWD/app/target/filemill/bin/filemill
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

report() { # DIR LABEL: one line from the newest run report in DIR/state
  python3 - "$1/state/runs" "$2" <<'PY'
import glob, json, os, sys
report = json.load(open(max(glob.glob(sys.argv[1] + "/run-*.json"), key=os.path.getmtime)))
m = report["measurements"]
mib = lambda b: f"{b / 2**20:.0f} MiB" if b >= 0 else "?"
print(f"{sys.argv[2]}: {report['status']}, delivered {report['delivered']} of {report['seen']}, "
      f"{report['wallSeconds']:.1f} s, parent peak heap {mib(m['parentPeakHeapBytes'])}, "
      f"parent peak RSS {mib(m['parentPeakRssBytes'])}, "
      + (f"worker peak RSS {mib(m['workerPeakRssBytes'])}" if m['workers'] else "no workers"))
PY
}

run() { # DIR LABEL HEAP [run options...]
  local dir=$1 label=$2 heap=$3; shift 3
  FILEMILL_JAVA_OPTS="-Xmx$heap" "$filemill" run --inbox "$dir/inbox" --processed "$dir/processed" \
    --failed "$dir/failed" --home "$dir/state" --min-age 0s --durability fast "$@" >/dev/null 2>"$dir/log" \
    || { echo "$label: exit $?"; tail -5 "$dir/log"; exit 1; }
  report "$dir" "$label"
}

"$filemill" generate --files "$files" --out "$work/many/inbox" >/dev/null
run "$work/many" "$files files, thread mode, -Xmx256m" 256m

for mode in thread process; do
  dir=$work/big-$mode
  mkdir -p "$dir/inbox"
  python3 - "$dir/inbox/big.md" "$big_mib" <<'PY'
import sys
line = b"lorem ipsum dolor sit amet, consectetur adipiscing elit\n"
with open(sys.argv[1], "wb") as out:
    out.write(b"# a   very   large   file\n\n")
    block = line * (1 << 14)
    for _ in range(int(sys.argv[2]) * (1 << 20) // len(block)):
        out.write(block)
PY
  run "$dir" "one $big_mib MiB file, $mode mode, -Xmx128m (workers too)" 128m --mode "$mode" \
    --filemill.worker.jvm-options=-Xmx128m
  head -1 "$dir/processed/big.md"
  rm -rf "$dir"
done
