#!/usr/bin/env bash
# Side by side: the single-machine Pillow build (../shared/bench/pillow_baseline.py) against
# `bin/imagenet-wds run --master local[P]` on the same corpus, options and cores, alternating
# A B A B. Each timing is the whole process plus `sync` (its output has reached the disk).
# Prints per pair: both wall times, images/s, the ratio (baseline seconds / pipeline seconds) and
# peak RSS. Usage: bench/compare-pillow.sh [--scale 0.1] [--pairs 2] [--cores 2] [--heap 4g] [--workdir DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
shared="$(cd "$here/../../shared" && pwd)"
scale=0.1 pairs=2 cores=2 heap=4g work=/tmp/imagenet-wds-bench
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --pairs) pairs="$2"; shift 2 ;;
    --cores) cores="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --workdir) work="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
corpus="$work/corpus-$scale"
if [[ ! -f "$corpus/.done" ]]; then
  rm -rf "$corpus"
  /usr/bin/python3 "$shared/bench/make_corpus.py" "$corpus" --synsets 300 --tail 100 --scale "$scale"
  touch "$corpus/.done"
fi
opts=(--classes 250 --val-per-class 10 --train-shards 64 --val-shards 16)
"$here/../bin/imagenet-wds" --help >/dev/null # builds the job jar once, outside the timings
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -n 1)"
echo "corpus: $corpus ($(du -sh "$corpus" | cut -f1)), options: ${opts[*]}, cores: $cores, heap: $heap"

calc() { awk "BEGIN { print $1 }"; }

timed() { # timed LOG CMD... -> prints "<seconds> <peak-rss-kB>"
  local log="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f 'RSS %M' -o "$log.time" "$@" >"$log" 2>&1
  sync
  t1=$(date +%s.%N)
  echo "$(calc "$t1 - $t0") $(awk '/RSS/ {print $2}' "$log.time")"
}

for i in $(seq 1 "$pairs"); do
  rm -rf "$work/base" "$work/out"; sync
  read -r tb rb < <(timed "$work/base.log" /usr/bin/python3 "$shared/bench/pillow_baseline.py" "$corpus" "$work/base" \
      "${opts[@]}" --procs "$cores")
  nb=$(grep -o 'images=[0-9]*' "$work/base.log" | cut -d= -f2)
  read -r tp rp < <(IMAGENET_WDS_HEAP="$heap" timed "$work/run.log" "$here/../bin/imagenet-wds" run --input "$corpus" \
      --output "$work/out" "${opts[@]}" --master "local[$cores]")
  np=$(grep -o '^write: [0-9]* samples' "$work/run.log" | awk '{print $2}')
  grep -q 'verify: passed' "$work/run.log" || { echo "pipeline run $i failed, see $work/run.log" >&2; exit 1; }
  printf 'pair %d: baseline %.2f s (%d images, %.0f img/s, peak RSS %d MB) | imagenet-wds %.2f s (%d images, %.0f img/s, peak RSS %d MB) | ratio %.2f\n' \
    "$i" "$tb" "$nb" "$(calc "$nb / $tb")" $((rb / 1024)) "$tp" "$np" "$(calc "$np / $tp")" $((rp / 1024)) \
    "$(calc "$tb / $tp")"
  grep -E '^[a-z]+: done in' "$work/run.log" | tr '\n' ' '; echo
done
