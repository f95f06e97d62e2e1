#!/usr/bin/env bash
# The goals of the performance issue in one command: the Pillow baseline and `bin/imagenet-wds run`
# on make_corpus.py --scale 0.05 and 0.2 (same options and cores as compare-pillow.sh), alternated
# (baseline small, pipeline small, baseline large, pipeline large) for --rounds rounds. From the
# median of each of the four, per tool: the cost per extra image (the slope between the two sizes)
# and the fixed cost (the line's value at 0 images). Prints the margin ratio (baseline ms/image over
# pipeline ms/image), the whole-run ratio on the large corpus and the pipeline's peak RSS; the same
# line fitted to CPU seconds (user + system), which other tenants of a shared machine disturb less.
# Usage: bench/margin.sh [--rounds 3] [--cores 2] [--heap 4g] [--small 0.05] [--large 0.2]
#        (BENCH_WORKDIR=/tmp/...; LAUNCHER=... runs another build of the pipeline)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rounds=3 cores=2 heap=4g small=0.05 large=0.2
options "rounds cores heap small large" "$@"
prepare "${LAUNCHER:-}"
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A times cpus images
rss_max=0
for r in $(seq 1 "$rounds"); do
  for scale in "$small" "$large"; do
    read -r tb nb rb cb < <(baseline "$scale" "$cores")
    read -r tp np rp cp < <(pipeline "$scale" "$cores" "$heap")
    times[b$scale]+="$tb " times[p$scale]+="$tp " cpus[b$scale]+="$cb " cpus[p$scale]+="$cp "
    images[b$scale]=$nb images[p$scale]=$np
    ((rp > rss_max)) && rss_max=$rp
    printf 'round %d, scale %s: baseline %.2f s, %.1f CPU s (%d images) | imagenet-wds %.2f s, %.1f CPU s (%d images, %d MB) | stages: %s\n' \
      "$r" "$scale" "$tb" "$cb" "$nb" "$tp" "$cp" "$np" "$rp" "$(stages)"
  done
done
line() { # line TOOL [cpus] -> "fixed_s ms_per_image small_s large_s" from the medians of wall (or CPU) seconds
  local ts tl ns nl
  local -n of=${2:-times}
  ts=$(echo "${of[$1$small]}" | median) tl=$(echo "${of[$1$large]}" | median)
  ns=${images[$1$small]} nl=${images[$1$large]}
  awk -v ts="$ts" -v tl="$tl" -v ns="$ns" -v nl="$nl" \
    'BEGIN { b = (tl - ts) / (nl - ns); printf "%.2f %.4f %.2f %.2f\n", ts - b * ns, b * 1000, ts, tl }'
}
read -r fb sb tbs tbl < <(line b)
read -r fp sp tps tpl < <(line p)
printf 'medians of %d rounds: baseline %.2f / %.2f s, imagenet-wds %.2f / %.2f s (%s / %s images)\n' \
  "$rounds" "$tbs" "$tbl" "$tps" "$tpl" "${images[p$small]}" "${images[p$large]}"
printf 'baseline:     %.2f s fixed + %.3f ms per image\n' "$fb" "$sb"
printf 'imagenet-wds: %.2f s fixed + %.3f ms per image\n' "$fp" "$sp"
printf 'margin ratio (baseline ms/image / imagenet-wds ms/image): %.2f   (goal >= 2.0)\n' "$(calc "$sb / $sp")"
printf 'whole ratio at scale %s (baseline s / imagenet-wds s): %.2f\n' "$large" "$(calc "$tbl / $tpl")"
printf 'imagenet-wds fixed cost: %.2f s   (goal <= 6)\n' "$fp"
printf 'imagenet-wds peak RSS: %d MB (heap %s for %d cores)\n' "$rss_max" "$heap" "$cores"
read -r cfb csb _ _ < <(line b cpus)
read -r cfp csp _ _ < <(line p cpus)
printf 'CPU seconds: baseline %.2f + %.3f ms per image, imagenet-wds %.2f + %.3f ms per image; CPU margin ratio %.2f\n' \
  "$cfb" "$csb" "$cfp" "$csp" "$(calc "$csb / $csp")"
