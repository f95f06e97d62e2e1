# Shared by the end-to-end benchmark scripts: corpus building, timed runs of the Pillow baseline and
# of the pipeline. Each timing is the whole process plus `sync` (its output has reached the disk).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
shared="$(cd "$here/../../shared" && pwd)"
work="${BENCH_WORKDIR:-/tmp/imagenet-wds-bench}"
opts=(--classes 250 --val-per-class 10 --train-shards 64 --val-shards 16)

calc() { awk "BEGIN { print $1 }"; }
# options "NAME..." ARGS...: each "--NAME VALUE" of ARGS sets the variable NAME (given its default before);
# anything else is a usage error
options() {
  local allowed=" $1 " name
  shift
  while [[ $# -gt 0 ]]; do
    name="${1#--}"
    if [[ "$1" != --* || "$allowed" != *" $name "* || $# -lt 2 ]]; then
      echo "unknown option $1" >&2
      exit 2
    fi
    printf -v "$name" '%s' "$2"
    shift 2
  done
}

machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -n 1)"
}

# corpus SCALE -> prints the folder of make_corpus.py --synsets 300 --tail 100 --scale SCALE (built once)
corpus() {
  local dir="$work/corpus-$1"
  if [[ ! -f "$dir/.done" ]]; then
    rm -rf "$dir"
    /usr/bin/python3 "$shared/bench/make_corpus.py" "$dir" --synsets 300 --tail 100 --scale "$1" >&2
    touch "$dir/.done"
  fi
  echo "$dir"
}

# timed LOG CMD... -> prints "<seconds> <peak RSS in MB> <CPU seconds, user + system>"; CPU seconds
# vary less than wall time on a shared machine whose other tenants take cores away
timed() {
  local log="$1" t0 t1
  shift
  t0=$(date +%s.%N)
  # a run that hangs is stopped after BENCH_TIMEOUT seconds (default an hour), not waited for
  /usr/bin/time -f 'RSS %M CPU %U %S' -o "$log.time" timeout --kill-after=30 "${BENCH_TIMEOUT:-3600}" "$@" >"$log" 2>&1
  sync
  t1=$(date +%s.%N)
  echo "$(calc "$t1 - $t0") $(awk '/RSS/ {print int($2 / 1024), $4 + $5}' "$log.time")"
}

# baseline SCALE PROCS -> prints "<seconds> <images> <peak RSS MB> <CPU seconds>"
baseline() {
  local input seconds rss cpu
  input="$(corpus "$1")"
  rm -rf "$work/base"
  sync
  read -r seconds rss cpu < <(timed "$work/base.log" /usr/bin/python3 "$shared/bench/pillow_baseline.py" "$input" \
      "$work/base" "${opts[@]}" --procs "$2")
  echo "$seconds $(grep -o 'images=[0-9]*' "$work/base.log" | cut -d= -f2) $rss $cpu"
}

# pipeline SCALE CORES HEAP [CPUS] -> prints "<seconds> <images> <peak RSS MB> <CPU seconds>"; the log is kept as
# $work/run.log. With CPUS (e.g. 0), the whole JVM is pinned to those CPUs (taskset). LAUNCHER (default
# this checkout's bin/imagenet-wds) runs another build, e.g. one made by compare-builds.sh.
pipeline() {
  local input seconds rss cpu pin=()
  input="$(corpus "$1")"
  [[ -n "${4:-}" ]] && pin=(taskset -c "$4")
  rm -rf "$work/out"
  sync
  read -r seconds rss cpu < <(IMAGENET_WDS_HEAP="$3" timed "$work/run.log" "${pin[@]}" "${LAUNCHER:-$here/../bin/imagenet-wds}" run \
      --input "$input" --output "$work/out" "${opts[@]}" --master "local[$2]")
  if ! grep -q 'verify: passed' "$work/run.log"; then
    echo "pipeline run failed, see $work/run.log" >&2
    return 1
  fi
  echo "$seconds $(grep -o '^write: [0-9]* samples' "$work/run.log" | awk '{print $2}') $rss $cpu"
}

stages() {
  grep -E '^[a-z]+: done in' "$work/run.log" | sed 's/: done in /=/; s/ s$/s/' | tr '\n' ' '
}

# prepare [LAUNCHER] -> outside the timings: build the job jar, and let one small Spark run record the
# class-data archive
prepare() {
  local launcher="${1:-$here/../bin/imagenet-wds}"
  mkdir -p "$work"
  "$launcher" generate-sample --output "$work/warm-in" --synsets 3 >/dev/null 2>&1
  rm -rf "$work/warm-out"
  "$launcher" count --input "$work/warm-in" --output "$work/warm-out" --master 'local[2]' >/dev/null 2>&1 || true
  machine
}
