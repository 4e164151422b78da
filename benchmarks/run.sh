#!/usr/bin/env bash
# Builds the shaded benchmarks jar and runs the pkce4j benchmarks, writing a markdown table.
#
#   benchmarks/run.sh quick|full [INCLUDE_REGEX...]   JMH benchmarks -> benchmarks/results/
#   benchmarks/run.sh timing-leak [SAMPLES]           dudect-style timing check of verification
#
# The build always runs on the JDK Maven finds (17+). To measure on another JDK, point
# BENCH_JAVA_HOME at it; only the benchmark run uses it:
#   BENCH_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 benchmarks/run.sh quick
# quick: 1 fork (3 for the 1- and 2-thread scaling methods), 3 x 1 s warm-up, 5 x 1 s measurement (about 25 minutes);
# full:  3 forks, 5 x 2 s warm-up, 10 x 2 s measurement (about an hour).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
mode="${1:-}"
case "$mode" in
  quick|full|timing-leak) shift ;;
  *)
    echo "usage: benchmarks/run.sh quick|full [INCLUDE_REGEX...] | timing-leak [SAMPLES]" >&2
    exit 2
    ;;
esac

(cd "$root" && ./mvnw -q -B -Pbenchmarks -pl benchmarks -am package -DskipTests)

java_bin="java"
if [[ -n "${BENCH_JAVA_HOME:-}" ]]; then
  java_bin="$BENCH_JAVA_HOME/bin/java"
fi
jar="$here/target/benchmarks.jar"

if [[ "$mode" == "timing-leak" ]]; then
  exec "$java_bin" -cp "$jar" io.github.pkce4j.benchmarks.TimingLeak "$@"
fi
exec "$java_bin" -cp "$jar" io.github.pkce4j.benchmarks.RunAndReport "$mode" "$here/results" "$@"
