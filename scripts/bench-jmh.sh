#!/usr/bin/env bash
# JMH benchmarks of the hot paths: the title engine (in memory, and the whole retitle step on small
# and large files) and the worker pipe's frame encoding and decoding.
# Usage: scripts/bench-jmh.sh [JMH options], for example: scripts/bench-jmh.sh -f 1 -wi 3 -i 5 Frame
# Without options: 1 fork, 3 warm-up and 5 measured iterations of 1 s per benchmark (about 3 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
args=${*:--f 1 -wi 3 -w 1s -i 5 -r 1s}
./mvnw -q -pl pipeline test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test >/dev/null
java -cp "pipeline/target/test-classes:pipeline/target/classes:$(cat pipeline/target/bench.classpath)" \
  org.openjdk.jmh.Main $args
