#!/usr/bin/env bash
# What the path across machines costs on one machine: the same corpus run locally, through one node,
# and through two nodes, interleaved, page cache dropped before every trial, every result checked
# against the local run byte for byte. All three use the same PostgreSQL job repository; the nodes are
# started (and warm) before each timed run, as long-running nodes are, and the time is the run's,
# launch to exit. On two cores two nodes cannot be faster than one: the figure is the overhead of the
# distributed path (listing into manifests, requests over the broker, polling the repository).
# Usage: scripts/bench-cluster.sh [FILES [ROUNDS [PARTITIONS]]]     (default 20000 3 4)
# Needs app/target/filemill (./mvnw -q -DskipTests package) and root (to drop the page cache); starts
# PostgreSQL and Artemis with .ci/postgres.sh and .ci/artemis.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-20000}
rounds=${2:-3}
partitions=${3:-4}
filemill=$PWD/app/target/filemill/bin/filemill
work=$(mktemp -d)
trap 'pkill -f "filemill.jar node" 2>/dev/null || true; rm -rf "$work"' EXIT
db_url=$(bash .ci/postgres.sh | sed -n 's/^FILEMILL_TEST_POSTGRES_URL=//p')
eval "$(bash .ci/artemis.sh | sed 's/^/export /')"
queue=filemill.bench.$$
common=(--min-age 0s "--spring.datasource.url=$db_url" --spring.datasource.username=filemill
  --spring.datasource.password=filemill "--spring.artemis.broker-url=$FILEMILL_TEST_ARTEMIS_URL"
  "--spring.artemis.user=$FILEMILL_TEST_ARTEMIS_USER" "--spring.artemis.password=$FILEMILL_TEST_ARTEMIS_PASSWORD"
  "--filemill.cluster.queue=$queue" --filemill.cluster.poll-interval=200ms)
"$filemill" generate --files "$files" --profile mixed --out "$work/corpus" > /dev/null

dirs() { echo --inbox "$1/inbox" --processed "$1/processed" --failed "$1/failed" --home "$1/state"; }
fresh() { rm -rf "$1"; mkdir -p "$1"; cp -r "$work/corpus" "$1/inbox"; sync; echo 3 > /proc/sys/vm/drop_caches; }
now() { date +%s.%N; }

trial() { # name nodes: prints the run's seconds
  local dir=$work/$1 nodes=$2 pids=() start end
  fresh "$dir"
  for n in $(seq 1 "$nodes"); do
    # shellcheck disable=SC2046
    "$filemill" node $(dirs "$dir") "${common[@]}" > "$dir/node-$n.log" 2>&1 &
    pids+=($!)
  done
  for n in $(seq 1 "$nodes"); do
    until grep -q "taking partitions" "$dir/node-$n.log" 2>/dev/null; do sleep 0.1; done
  done
  start=$(now)
  if [ "$nodes" -eq 0 ]; then
    # shellcheck disable=SC2046
    "$filemill" run $(dirs "$dir") "${common[@]}" > "$dir/run.log" 2>&1 || true
  else
    # shellcheck disable=SC2046
    "$filemill" run $(dirs "$dir") "${common[@]}" --partitions "$partitions" > "$dir/run.log" 2>&1 || true
  fi
  end=$(now)
  for pid in "${pids[@]}"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done
  if [ "$1" != local ] && ! diff -r "$work/local/processed" "$dir/processed" > /dev/null; then
    echo "$1: processed/ differs from the local run's" >&2; exit 1
  fi
  echo "$end - $start" | bc
}

trial local 0 > /dev/null # the reference, and a warm-up
declare -A times
for round in $(seq 1 "$rounds"); do
  for config in local:0 one-node:1 two-nodes:2; do
    name=${config%:*}
    t=$(trial "$name" "${config#*:}")
    times[$name]="${times[$name]:-} $t"
    printf 'round %d  %-9s %6.2f s\n' "$round" "$name" "$t"
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
local_median=$(echo "${times[local]}" | median)
echo
printf '%-10s %10s %10s\n' "run" "median s" "vs local"
for name in local one-node two-nodes; do
  m=$(echo "${times[$name]}" | median)
  printf '%-10s %10.2f %9.2fx\n' "$name" "$m" "$(echo "$local_median / $m" | bc -l)"
done
