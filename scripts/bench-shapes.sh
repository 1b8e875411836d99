#!/usr/bin/env bash
# The pathological shapes of TitleEngineComplexityTests as whole runs: one file of each shape,
# SIZE bytes (default 1 MiB), alone in an inbox, through `filemill run` in thread and in process
# mode; prints each run's wall time (launch to exit) and the file's outcome, beside an empty inbox.
# A run that takes longer than CAP seconds (default 300) is killed and shown as "> CAP s".
# Usage: scripts/bench-shapes.sh [SIZE] [CAP] [FILEMILL]
#   FILEMILL: the bin/filemill to measure (default app/target/filemill/bin/filemill), e.g. an older build's.
# Needs ./mvnw -q -DskipTests package and the pipeline's test classes (./mvnw -q -pl pipeline test-compile).
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1048576}; cap=${2:-300}; filemill=${3:-$PWD/app/target/filemill/bin/filemill}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -cp pipeline/target/test-classes:pipeline/target/classes io.filemill.pipeline.complexity.PathologicalShapes \
  "$work/shapes" "$size"
run() { # mode inbox -> prints "seconds outcome"
  local mode=$1 inbox=$2
  local out=$work/out-$mode
  rm -rf "$out"; mkdir -p "$out"
  local start end code=0
  start=$(date +%s.%N)
  # in a subshell, so that the shell does not report the kill
  (timeout -s KILL "$cap" "$filemill" run --mode "$mode" --inbox "$inbox" --processed "$out/processed" \
    --failed "$out/failed" --home "$out/state" --min-age 0s >"$out/log" 2>&1) || code=$?
  end=$(date +%s.%N)
  if [ "$code" = 137 ]; then printf '> %s s\tkilled\n' "$cap"; return; fi
  local outcome=empty
  [ -n "$(ls -A "$out/processed" 2>/dev/null)" ] && outcome=delivered
  [ -n "$(ls "$out/failed" 2>/dev/null | grep -v '\.reason$')" ] && outcome=failed
  ls -A "$inbox" | grep -qv '^\.filemill\.lock$' && outcome=left
  printf "%s s\t%s\n" "$(awk "BEGIN { printf \"%.2f\", $end - $start }")" "$outcome"
}
printf '%-40s %-22s %s\n' "shape ($size bytes)" thread process
mkdir -p "$work/empty"
printf '%-40s %-22s %s\n' "(empty inbox)" "$(run thread "$work/empty" | tr '\t' ' ')" "$(run process "$work/empty" | tr '\t' ' ')"
for file in "$work"/shapes/*; do
  name=$(basename "$file")
  results=()
  for mode in thread process; do
    inbox=$work/inbox-$mode; rm -rf "$inbox"; mkdir -p "$inbox"; cp "$file" "$inbox/"
    results+=("$(run "$mode" "$inbox" | tr '\t' ' ')")
  done
  printf '%-40s %-22s %s\n' "$name" "${results[0]}" "${results[1]}"
done
