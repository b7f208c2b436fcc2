#!/usr/bin/env bash
# A larger fuzz campaign than the one `mvn verify` runs: FuzzCliTest with more generated inputs and any seed.
#   test-fixtures/fuzz/run-fuzz.sh [INPUTS] [SEED]      (default: 20000 inputs, seed 1)
# A failure names the seed and the input number; rerun with the same two to see it again.
set -euo pipefail
cd "$(dirname "$0")/../.."
INPUTS=${1:-20000}
SEED=${2:-1}
mvn -B -q install -DskipTests
mvn -B -q verify -pl cli -Dtest=FuzzCliTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dosk.fuzz.inputs="$INPUTS" -Dosk.fuzz.seed="$SEED"
