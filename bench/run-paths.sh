#!/usr/bin/env bash
# Per-image cost of the three image paths and the tar writer: JMH (ours) beside Pillow (reference),
# on the same real samples, in one run. Usage: bench/run-paths.sh [SAMPLES_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
samples="$(cd "${1:-$here/../../shared/data/imagenet-samples}" && pwd)"
(cd "$here/.." && mvn -B -q -DskipTests -pl bench -am install)
cp="$here/target/classes:$(cat "$here/target/bench-classpath.txt")"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -n 1)"
java -cp "$cp" org.openjdk.jmh.Main ImagePathsBenchmark -p samples="$samples" -f 1 -wi 5 -w 2s -i 5 -r 2s -t 1 "${@:2}"
/usr/bin/python3 "$here/pillow_paths.py" "$samples"
