#!/usr/bin/env bash
# Validation throughput: renders the shipped kit into COPIES namespaces (316 objects each; 34 copies give
# 10,744 objects), writes them as one folder of manifests, then times `osk validate` on it (the whole command)
# and prints objects per second; then, inside one JVM, validates the same set WARMUP times untimed and RUNS
# times timed (render/src/test/java/dev/osk/render/bench/ValidationThroughput.java) and prints the median.
#
#   test-fixtures/bench/validate-bench.sh [COPIES] [RUNS] [WARMUP]
set -euo pipefail
cd "$(dirname "$0")/../.."
COPIES=${1:-34}
RUNS=${2:-3}
WARMUP=${3:-10}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
./osk render --skip-validation > "$WORK/one.yaml"
mkdir -p "$WORK/set"
for ((i = 0; i < COPIES; i++)); do
  # put every object of copy i into namespace bench-i (its first metadata: line gets a namespace)
  awk -v ns="bench-$i" '{print} /^metadata:$/ {print "  namespace: " ns}' "$WORK/one.yaml" > "$WORK/set/ns-$i.yaml"
done
OBJECTS=$(cat "$WORK"/set/*.yaml | grep -c '^# Source:')
echo "objects: $OBJECTS in $COPIES files"
./osk validate "$WORK/set" > "$WORK/report.txt" || { tail -3 "$WORK/report.txt"; exit 1; }
tail -1 "$WORK/report.txt"
best=0
for ((r = 0; r < RUNS; r++)); do
  s=$(date +%s%N)
  ./osk validate "$WORK/set" > /dev/null
  e=$(date +%s%N)
  ms=$(( (e - s) / 1000000 ))
  echo "run $((r + 1)): ${ms} ms, $(( OBJECTS * 1000 / ms )) objects/s"
done
mvn -q -o -pl render test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp" > /dev/null
java -cp render/target/classes:render/target/test-classes:"$(cat "$WORK/cp")" \
  dev.osk.render.bench.ValidationThroughput "$WORK/set" "$WARMUP" "$RUNS"
