#!/usr/bin/env bash
# The long fuzz run: each Jazzer fuzz test (frame decoder, title formats, whole retitle step) fuzzes
# for DURATION (default 5m), one after the other. CI runs the same tests for 10 s each. The corpus
# grows in pipeline/target/fuzz/.cifuzz-corpus and is reused by the next run; a finding fails the
# test and is saved as a crash file that replays as a regression test (see Jazzer's message).
# Usage: scripts/fuzz.sh [DURATION like 30s, 5m, 1h]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-5m}
for execution in fuzz-frame-decoder fuzz-title-engine fuzz-retitle; do
  echo "== $execution for $duration"
  ./mvnw -B -pl pipeline test-compile "surefire:test@$execution" -Djazzer.max_duration="$duration" 2>&1 \
    | grep -aE "Done [0-9]+ runs|DONE|Tests run:|FAIL|ERROR|crash" || true
done
