#!/usr/bin/env bash
# Release benchmark: wall-clock time of whole osk runs (JVM start-up included, through ./osk) for packaging the
# shipped OpenStack kit, rendering from the archive against rendering the folder, writing a release bundle and
# verifying it; plus the archive's size against gzip -6 and -9 of the same tar.
#
#   test-fixtures/bench/release-bench.sh [RUNS]
#
# For each step: one warm-up run, then RUNS timed runs; prints min / median / mean in milliseconds.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-10}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
OVERLAYS=(-f values/multinode-ha.yaml -f values/private-registry.yaml -f test-fixtures/passwords/kit-passwords.yaml)

./osk package charts/kits/openstack -d "$WORK/dist" > /dev/null   # builds the jar and the start-up cache if needed
ARCHIVE="$WORK/dist/openstack-0.1.0.tgz"

measure() { # label, command...
  local label=$1; shift
  "$@" > /dev/null
  local times=() i s e
  for ((i = 0; i < RUNS; i++)); do
    s=$(date +%s%N)
    "$@" > /dev/null
    e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '
    { t[NR] = $1; sum += $1 }
    END { med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
          printf "%-22s min %5d ms   median %5d ms   mean %5d ms\n", label, t[1], med, sum / NR }'
}

echo "runs per step: $RUNS   kit: charts/kits/openstack   overlays: ${OVERLAYS[*]}"
measure "package"              ./osk package charts/kits/openstack -d "$WORK/dist"
measure "render folder"        ./osk render charts/kits/openstack "${OVERLAYS[@]}"
measure "render archive"       ./osk render "$ARCHIVE" "${OVERLAYS[@]}"
measure "release (bundle)"     ./osk release charts/kits/openstack "${OVERLAYS[@]}" -n openstack --version 1.0.0 -d "$WORK/bundle"
measure "release verify"       ./osk release verify "$WORK/bundle"

TAR_BYTES=$(gzip -dc "$ARCHIVE" | wc -c)
printf 'archive: %d files, tar %d bytes -> osk %d bytes' "$(gzip -dc "$ARCHIVE" | tar t | wc -l)" "$TAR_BYTES" \
  "$(wc -c < "$ARCHIVE")"
if command -v gzip > /dev/null; then
  printf ', gzip -6 %d, gzip -9 %d' "$(gzip -dc "$ARCHIVE" | gzip -6 | wc -c)" "$(gzip -dc "$ARCHIVE" | gzip -9 | wc -c)"
fi
printf '\nbundle: %d files, %d KiB\n' "$(find "$WORK/bundle" -type f | wc -l)" "$(du -sk "$WORK/bundle" | cut -f1)"
