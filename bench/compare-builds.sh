#!/usr/bin/env bash
# Two builds of imagenet-wds side by side on the same corpus, options and cores, alternating A B A B:
# what a change costs or gains in a whole run. Each ref is checked out (git worktree) and built under
# $BENCH_WORKDIR/builds/. Prints per round both wall times, peak RSS and each stage's time, and checks
# that both wrote the same shards. Usage:
#   bench/compare-builds.sh BEFORE_REF [AFTER_REF] [--scale 0.05] [--rounds 2] [--cores 2] [--heap 4g]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
refs=() scale=0.05 rounds=2 cores=2 heap=4g
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --cores) cores="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) refs+=("$1"); shift ;;
  esac
done
[[ ${#refs[@]} -ge 1 ]] || { echo "usage: $0 BEFORE_REF [AFTER_REF] [options]" >&2; exit 2; }
[[ ${#refs[@]} -ge 2 ]] || refs+=(HEAD)

launchers=()
for ref in "${refs[@]}"; do
  commit=$(git -C "$here/.." rev-parse --short "$ref")
  tree="$work/builds/$commit"
  if [[ ! -d "$tree" ]]; then
    git -C "$here/.." worktree add --detach "$tree" "$commit" >/dev/null
  fi
  # package, not install: a benchmark build must not replace the snapshot jars other builds resolve
  (cd "$tree" && { mvn -B -q -o -DskipTests -pl spark-jobs -am package >/dev/null 2>&1 || mvn -B -q -DskipTests -pl spark-jobs -am package; })
  prepare "$tree/bin/imagenet-wds" >/dev/null
  launchers+=("$tree/bin/imagenet-wds")
  echo "build $ref = $commit in $tree"
done
machine
echo "corpus: $(corpus "$scale"), options: ${opts[*]}, cores: $cores, heap: $heap"
for i in $(seq 1 "$rounds"); do
  for j in 0 1; do
    read -r t n r _cpu < <(LAUNCHER="${launchers[$j]}" pipeline "$scale" "$cores" "$heap")
    printf 'round %d %-8s %.2f s (%d images written, %d MB) | %s\n' "$i" "${refs[$j]}" "$t" "$n" "$r" "$(stages)"
    (cd "$work/out" && sha256sum ./*.tar _info.json _info.yaml classes.txt README.md) > "$work/out-$j.sha256"
  done
  if cmp -s "$work/out-0.sha256" "$work/out-1.sha256"; then echo "round $i: same output bytes"; else echo "round $i: outputs differ"; fi
done
