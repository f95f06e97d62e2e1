#!/usr/bin/env bash
# Side by side: the single-machine Pillow build (../shared/bench/pillow_baseline.py) against
# `bin/imagenet-wds run --master local[P]` on the same corpus, options and cores, alternating
# A B A B. Prints per pair both wall times (process + sync), images/s, peak RSS and the ratio
# (baseline seconds / pipeline seconds). Usage:
#   bench/compare-pillow.sh [--scale 0.1] [--pairs 2] [--cores 2] [--heap 4g]     (BENCH_WORKDIR=/tmp/...)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
scale=0.1 pairs=2 cores=2 heap=4g
options "scale pairs cores heap" "$@"
prepare
echo "corpus: $(corpus "$scale"), options: ${opts[*]}, cores: $cores, heap: $heap"
for i in $(seq 1 "$pairs"); do
  read -r tb nb rb _cb < <(baseline "$scale" "$cores")
  read -r tp np rp _cp < <(pipeline "$scale" "$cores" "$heap")
  printf 'pair %d: baseline %.2f s (%d images, %.0f img/s, %d MB) | imagenet-wds %.2f s (%d images, %.0f img/s, %d MB) | ratio %.2f\n' \
    "$i" "$tb" "$nb" "$(calc "$nb / $tb")" "$rb" "$tp" "$np" "$(calc "$np / $tp")" "$rp" "$(calc "$tb / $tp")"
  echo "        stages: $(stages)"
done
