#!/usr/bin/env bash
# How cost grows: the pipeline and the Pillow baseline at --scale 0.05, 0.1 and 0.2 (2 cores), a
# least-squares line seconds = fixed + images × marginal for each, and the pipeline at local[1]
# against local[2] on the 0.1 corpus: local[1] once with both CPUs visible (the JIT compiler and GC
# threads then have a core of their own) and once pinned to one CPU, which is what "one core" means.
# Usage: bench/scaling.sh [--heap 4g] [--cores-only]   (BENCH_WORKDIR=/tmp/...)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
heap="4g" cores_only=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --heap) heap="$2"; shift 2 ;;
    --cores-only) cores_only=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
prepare
fit() { # fit "n1 t1 n2 t2 ..." -> "fixed marginal_ms"
  echo "$1" | awk '{ for (i = 1; i <= NF; i += 2) { n++; x = $i; y = $(i + 1); sx += x; sy += y; sxx += x * x; sxy += x * y } }
    END { b = (n * sxy - sx * sy) / (n * sxx - sx * sx); a = (sy - b * sx) / n; printf "%.2f %.4f\n", a, b * 1000 }'
}
points_b="" points_p=""
for scale in $([[ -z "$cores_only" ]] && echo 0.05 0.1 0.2); do
  read -r tb nb rb _cb < <(baseline "$scale" 2)
  read -r tp np rp _cp < <(pipeline "$scale" 2 "$heap")
  printf 'scale %s: baseline %.2f s %d images %.0f img/s | imagenet-wds %.2f s %d images %.0f img/s %d MB | ratio %.2f\n' \
    "$scale" "$tb" "$nb" "$(calc "$nb / $tb")" "$tp" "$np" "$(calc "$np / $tp")" "$rp" "$(calc "$tb / $tp")"
  echo "        stages: $(stages)"
  points_b+="$nb $tb " points_p+="$np $tp "
done
if [[ -z "$cores_only" ]]; then
  read -r ab bb < <(fit "$points_b")
  read -r ap bp < <(fit "$points_p")
  printf 'fit baseline:     %.2f s fixed + %.3f ms/image (%.0f img/s marginal)\n' "$ab" "$bb" "$(calc "1000 / $bb")"
  printf 'fit imagenet-wds: %.2f s fixed + %.3f ms/image (%.0f img/s marginal)\n' "$ap" "$bp" "$(calc "1000 / $bp")"
  printf 'marginal ratio (baseline ms/image / imagenet-wds ms/image): %.2f\n' "$(calc "$bb / $bp")"
fi
read -r t1 n1 r1 _c1 < <(pipeline 0.1 1 "$heap")
echo "        local[1] stages: $(stages)"
read -r t1p n1p r1p _c1p < <(pipeline 0.1 1 "$heap" 0)
echo "        local[1] on one CPU stages: $(stages)"
read -r t2 n2 r2 _c2 < <(pipeline 0.1 2 "$heap")
echo "        local[2] stages: $(stages)"
printf 'cores: local[1] %.2f s, local[1] on one CPU %.2f s, local[2] %.2f s; speed-up %.2f (%.2f from one CPU)\n' \
  "$t1" "$t1p" "$t2" "$(calc "$t1 / $t2")" "$(calc "$t1p / $t2")"
