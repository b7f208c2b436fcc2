#!/usr/bin/env bash
# Render benchmark: wall-clock time of whole `osk render` runs (JVM start-up included), the way users run it.
#
#   test-fixtures/bench/render-bench.sh [RUNS] [-- extra osk render arguments]
#
# For each configuration it does one warm-up run (which also creates the JVM start-up cache), then RUNS timed
# runs, and prints min / median / mean in milliseconds plus the number of objects rendered. Configurations:
#   launcher   ./osk render (newest JDK, ahead-of-time cache or class-data archive)
#   no-cache   the same without the start-up cache (OSK_NO_CACHE=1)
#   jdk17      java 17 from PATH-less /usr/lib/jvm/java-17*, with its class-data archive, when installed
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-10}
shift || true
[[ "${1:-}" == "--" ]] && shift
ARGS=("$@")

./osk render "${ARGS[@]}" > /tmp/osk-bench-out.yaml
OBJECTS=$(grep -c '^# Source:' /tmp/osk-bench-out.yaml)
echo "objects rendered: $OBJECTS   runs per configuration: $RUNS   args: ${ARGS[*]:-(default kit, values/aio.yaml)}"

measure() { # label, env assignments...
  local label=$1; shift
  env "$@" ./osk render "${ARGS[@]}" > /dev/null   # warm-up (and cache creation)
  local times=() i s e
  for ((i = 0; i < RUNS; i++)); do
    s=$(date +%s%N)
    env "$@" ./osk render "${ARGS[@]}" > /dev/null
    e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '
    { t[NR] = $1; sum += $1 }
    END { med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
          printf "%-10s min %5d ms   median %5d ms   mean %5d ms\n", label, t[1], med, sum / NR }'
}

measure launcher
measure no-cache OSK_NO_CACHE=1
JDK17=$(ls -d /usr/lib/jvm/java-17-openjdk-* 2>/dev/null | head -1 || true)
if [[ -n "$JDK17" ]]; then
  measure jdk17 OSK_JAVA="$JDK17/bin/java"
fi
