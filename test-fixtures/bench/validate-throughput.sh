#!/usr/bin/env bash
# Validation throughput inside one JVM, after warm-up: the shipped kit rendered into COPIES namespaces (316
# objects each; 34 copies give 10,744 objects), read once, validated WARMUP times untimed and RUNS times timed by
# render/src/test/java/dev/osk/render/bench/ValidationThroughput.java; prints the median objects per second.
# (validate-bench.sh measures the command, JVM start-up included.)
#
#   test-fixtures/bench/validate-throughput.sh [COPIES] [WARMUP] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
COPIES=${1:-34}
WARMUP=${2:-10}
RUNS=${3:-15}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
./osk render --skip-validation > "$WORK/one.yaml"
mkdir -p "$WORK/set"
for ((i = 0; i < COPIES; i++)); do
  awk -v ns="bench-$i" '{print} /^metadata:$/ {print "  namespace: " ns}' "$WORK/one.yaml" > "$WORK/set/ns-$i.yaml"
done
mvn -q -o -pl render test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp" > /dev/null
java -cp render/target/classes:render/target/test-classes:"$(cat "$WORK/cp")" \
  dev.osk.render.bench.ValidationThroughput "$WORK/set" "$WARMUP" "$RUNS"
