#!/usr/bin/env bash
# Diff benchmark: is diffing two full kit renders as fast as rendering them? Wall-clock time of whole runs (JVM
# start-up included), the way CI runs them.
#
#   test-fixtures/bench/diff-bench.sh [RUNS]
#
# The change compared is an image tag bump across the shipped kit (values/aio.yaml), which changes every one of
# its 295 objects (image, version label, config checksums): the largest diff a kit render can give. Prints
# min / median / mean in milliseconds (the configurations take turns) for:
#   render         ./osk render                                   one kit render (the yardstick)
#   diff-files     ./osk diff old.yaml new.yaml                   two saved full renders
#   diff-charts    ./osk diff KIT KIT -f aio --new-set ...        both sides rendered (concurrently), then diffed
#   render-twice   two ./osk render runs back to back             what diff-charts replaces
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-10}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
KIT=charts/kits/openstack
BUMP=(--set global.image.tag=2024.2)

./osk render -f values/aio.yaml > "$WORK/old.yaml"
./osk render -f values/aio.yaml "${BUMP[@]}" > "$WORK/new.yaml"
echo "objects: $(grep -c '^# Source:' "$WORK/old.yaml") per side; runs per configuration: $RUNS"
./osk diff "$WORK/old.yaml" "$WORK/new.yaml" > "$WORK/diff.txt"
echo "diff: $(tail -n 1 "$WORK/diff.txt"), $(wc -l < "$WORK/diff.txt") lines"
./osk diff $KIT $KIT -f values/aio.yaml --new-set global.image.tag=2024.2 > "$WORK/diff-charts.txt"
cmp -s "$WORK/diff.txt" "$WORK/diff-charts.txt" || { echo "chart and file diffs differ" >&2; exit 1; }

render_twice() {
  ./osk render -f values/aio.yaml
  ./osk render -f values/aio.yaml "${BUMP[@]}"
}

LABELS=(render diff-files diff-charts render-twice)
run_config() { # index
  case $1 in
    0) ./osk render -f values/aio.yaml ;;
    1) ./osk diff "$WORK/old.yaml" "$WORK/new.yaml" ;;
    2) ./osk diff $KIT $KIT -f values/aio.yaml --new-set global.image.tag=2024.2 ;;
    3) render_twice ;;
  esac
}

# the configurations take turns, so a change in machine load affects them alike
for c in 0 1 2 3; do run_config $c > /dev/null; done   # warm-up
for ((i = 0; i < RUNS; i++)); do
  for c in 0 1 2 3; do
    s=$(date +%s%N)
    run_config $c > /dev/null
    e=$(date +%s%N)
    echo "$c $(( (e - s) / 1000000 ))"
  done
done > "$WORK/times"
for c in 0 1 2 3; do
  awk -v c=$c '$1 == c {print $2}' "$WORK/times" | sort -n | awk -v label="${LABELS[$c]}" '
    { t[NR] = $1; sum += $1 }
    END { med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
          printf "%-13s min %5d ms   median %5d ms   mean %5d ms\n", label, t[1], med, sum / NR }'
done
