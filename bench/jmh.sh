#!/usr/bin/env bash
# JMH micro-benchmarks of Corral's hot paths: data tree lookup and create/delete, client frame decoding, and the
# file log's group commit. Short by default (one fork, 3 warm-up and 5 measured iterations of 1 s each).
#
#   bench/jmh.sh [JMH options]        e.g. bench/jmh.sh DataTreeBench -p nodes=1000000
#
# Builds what it needs first (BENCH_MVN_ARGS for extra Maven flags, e.g. -o). Results: bench/target/jmh.txt.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
# shellcheck disable=SC2086
(cd "$ROOT" && mvn -B -q ${BENCH_MVN_ARGS:-} install -DskipTests -pl api,protocol,persistence-plugins,server -am \
  && mvn -B -q ${BENCH_MVN_ARGS:-} package -DskipTests -pl bench)
CP="$(ls "$BENCH"/target/corral-bench-*.jar | head -1):$(cat "$BENCH/target/jmh.classpath")"
java -cp "$CP" org.openjdk.jmh.Main -rf text -rff "$BENCH/target/jmh.txt" "$@"
