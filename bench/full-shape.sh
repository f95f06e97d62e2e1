#!/usr/bin/env bash
# A full-shape fall11 rehearsal: writes a fall11_whole.tar of the real shape (all 21,841 WNIDs, the
# 11,821 ImageNet-12k classes at their published usable counts, the long tail summing to the rest of
# fall11's 14,197,122 images; all divided by D) with tiny JPEGs, then builds it with the default 12k
# recipe and with --preset imagenet22k in local[2] and the launcher's default heap, one stage per JVM
# so that each stage gets its own wall and CPU time, peak RSS and GC log. Checks what the build must
# show at this shape: classes.txt is timm's published 12k list, 472,840 validation samples at every D,
# train and rejects as the generator wrote them, verify passes. Prints one table row per stage.
# Usage: bench/full-shape.sh [--divide 4] [--presets "imagenet12k imagenet22k"] [--keep no]
#   (BENCH_WORKDIR=/tmp/...; LAUNCHER=another build's bin/imagenet-wds). Needs ~2.2 KB per member in
#   and about as much out per build: D=4 ~8 GB + 8 GB, D=2 ~16 + 16 GB; outputs are removed after
#   each build (the input too at the end) unless --keep yes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
divide=4 presets="imagenet12k imagenet22k" keep=no
options "divide presets keep" "$@"
meta="$shared/data/imagenet-meta"
launcher="${LAUNCHER:-$here/../bin/imagenet-wds}"
unset IMAGENET_WDS_HEAP # the launcher's default heap is what is measured
root="$work/full-shape-$divide"
mkdir -p "$root"
fail() { echo "full-shape: FAIL $*" >&2; exit 1; }

(cd "$here/.." && mvn -B -q -DskipTests -pl bench -am package) >&2
machine
summary="$root/corpus.txt"
if [[ ! -f "$summary" ]]; then
  read -r secs _rss cpu < <(timed "$root/corpus.log" java -cp "$here/target/classes:$(cat "$here/target/bench-classpath.txt")" \
      org.imagenetwds.bench.FullShapeCorpus "$root/in" "$meta" "$divide")
  grep '^FULLSHAPE' "$root/corpus.log" >"$summary" || fail "the generator failed, see $root/corpus.log"
  printf 'generate: %.0f s wall, %.0f s CPU, %s bytes on disk\n' "$secs" "$cpu" "$(stat -c %s "$root/in/fall11_whole.tar")"
fi
cat "$summary"
field() { grep -o "\b$1=[0-9]*" "$summary" | cut -d= -f2; }
val=$((472840))

for preset in $presets; do
  out="$root/out-$preset" logs="$root/logs-$preset"
  rm -rf "$out" "$logs"
  mkdir -p "$logs"
  echo "== $preset, D=$divide, local[2], default heap"
  printf '%-7s %8s %8s %7s %8s %8s %7s %6s\n' stage wall_s cpu_s rss_mb heap_mb after_mb gc_s tasks
  for stage in count select dedup split write verify; do
    log="$logs/$stage.log"
    # the launcher's default heap (no IMAGENET_WDS_HEAP); its java options add the GC log (and so skip
    # the class-data archive: start-up is ~1 s slower per stage)
    read -r secs rss cpu < <(IMAGENET_WDS_JAVA_OPTS="-Xlog:gc:file=$logs/$stage.gc" \
        timed "$log" "$launcher" "$stage" --preset "$preset" --input "$root/in/fall11_whole.tar" --output "$out" \
        --master 'local[2]' --conf spark.eventLog.enabled=true --conf "spark.eventLog.dir=file://$logs" \
        || true)
    [[ -n "${rss:-}" ]] && grep -q "^$stage: done in" "$log" || fail "$preset $stage failed, see $log"
    # heap (local mode: driver and executors share it): the most in use before any collection, the
    # most left after one (what was live, at most), and the time paused in collections
    read -r heap live gc < <(awk '/Pause/ { split($(NF - 1), h, /M->|M\(/); if (h[1] > m) m = h[1];
        if (h[2] > l) l = h[2]; p += $NF } END { print m + 0, l + 0, p / 1000 }' "$logs/$stage.gc")
    tasks=$(cat "$logs"/local-* 2>/dev/null | grep -c '"Event":"SparkListenerTaskEnd"' || true)
    rm -f "$logs"/local-*
    printf '%-7s %8.1f %8.1f %7d %8d %8d %7.1f %6d\n' "$stage" "$secs" "$cpu" "$rss" "$heap" "$live" "$gc" "$tasks"
    total_wall=$(calc "${total_wall:-0} + $secs") total_cpu=$(calc "${total_cpu:-0} + $cpu")
    [[ $rss -le ${peak_rss:-0} ]] || peak_rss=$rss
    grep -E "^$stage" "$log" | grep -v 'done in' | sed 's/^/        /' || true # a stage may say nothing more
  done
  printf 'whole build: %.1f s wall, %.1f s CPU, peak RSS %d MB (one JVM per stage)\n' "$total_wall" "$total_cpu" "$peak_rss"
  unset total_wall total_cpu peak_rss
  echo "sizes (bytes):"
  (cd "$out" && du -sb _work/* _meta/* _info.json classes*.txt README.md card | sed 's/^/        /') || true
  echo "        shards: $(du -cb "$out"/*.tar | tail -n 1 | cut -f1)"

  # what the build must show at this shape
  cmp -s "$out/$( [[ $preset == imagenet22k ]] && echo classes_12k.txt || echo classes.txt)" "$meta/imagenet12k_synsets.txt" \
    || fail "$preset: the 12k classes are not timm's published list"
  [[ $preset != imagenet22k ]] || cmp -s "$out/classes.txt" "$meta/imagenet22k_synsets.txt" \
    || fail "$preset: classes.txt is not the 21,841 fall11 synsets"
  train=$(( $( [[ $preset == imagenet22k ]] && field usable || field usable_12k) - val ))
  python3 - "$out" "$val" "$train" "$(field rejects)" "$preset" <<'PY' || fail "$preset: counts differ (above)"
import json, sys
out, val, train, rejects, preset = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
splits = {k: v["num_samples"] for k, v in json.load(open(out + "/_info.json"))["splits"].items()}
stats = json.load(open(out + "/_meta/stats.json"))
print(f"        splits {splits}; rejected {stats['rejected']}")
bad = [f"{name} {splits.get(name)} != {want}" for name, want in
       [("validation", val), ("train", train)] + ([("validation_12k", val)] if preset == "imagenet22k" else [])
       if splits.get(name) != want]
if stats["rejected_total"] != rejects:
    bad.append(f"rejected {stats['rejected_total']} != {rejects} generated")
for b in bad:
    print("        " + b)
sys.exit(1 if bad else 0)
PY
  ! grep -q 'verify: FAIL' "$logs/verify.log" || fail "$preset: verify did not pass, see $logs/verify.log"
  echo "checks: passed (12k classes, validation $val, train $train, rejects $(field rejects), verify)"
  [[ $keep == yes ]] || rm -rf "$out"
done
[[ $keep == yes ]] || rm -rf "$root/in"
