#!/usr/bin/env bash
# The long kill test: ROUNDS rounds (default 100) of killing a real filemill run with SIGKILL at
# random moments (1 to 3 times), alternating thread and process mode, then checking that a rerun
# converges to the reference result byte for byte. Each round prints its seed; to replay a
# failure: scripts/kill-test.sh 1 SEED. CI runs the same test with 2 rounds.
# Usage: scripts/kill-test.sh [ROUNDS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-100}
seed=${2:+-Dfilemill.kill.seed=$2}
./mvnw -q -pl pipeline,worker -DskipTests install
status=0
./mvnw -pl app test -Dtest=KillTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfilemill.kill.rounds="$rounds" ${seed:-} | grep -E "Tests run:|FAIL" || status=$?
cat app/target/surefire-reports/io.filemill.app.crash.KillTests-output.txt
echo "kills: $(grep -c 'killed after' app/target/surefire-reports/io.filemill.app.crash.KillTests-output.txt)"
exit "$status"
