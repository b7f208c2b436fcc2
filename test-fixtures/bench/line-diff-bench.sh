#!/usr/bin/env bash
# Line diff benchmark: osk diff's edit scripts (LineDiff.compare, java-diff-utils' linear-space Myers) against
# java-diff-utils' MyersDiff on 10,000-line inputs, in one JVM, in turns; prints median / min / max milliseconds
# and the edits each found (render/src/test/java/dev/osk/render/diff/LineDiffBench.java).
#
#   test-fixtures/bench/line-diff-bench.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-9}
mvn -q -o -pl render test-compile
VERSION=$(sed -n '/<artifactId>java-diff-utils<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p}' pom.xml)
JAR=${MAVEN_REPO:-$HOME/.m2/repository}/io/github/java-diff-utils/java-diff-utils/$VERSION/java-diff-utils-$VERSION.jar
java -Xmx2g -cp render/target/classes:render/target/test-classes:"$JAR" dev.osk.render.diff.LineDiffBench "$RUNS"
