#!/usr/bin/env bash
# count's per-image work before and after the fingerprint (#24), in one run: JMH CountCheckBenchmark
# on the real samples, first `check` and `countUnit` (count's whole per-member work, on 100-member tars)
# on the core classes of BASE (the code before the fingerprint), then those and `checkAndFingerprint`
# on the working tree's. Run it under the build lock:
#   flock /tmp/mvn.lock bench/fingerprint-cost.sh [BASE (default: main)] [SAMPLES_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/base-classes.sh"
base_classes "$@"
jmh() { java -cp "$here/target/classes:$1:$deps" org.openjdk.jmh.Main "CountCheckBenchmark.$2" \
  -p samples="$samples" -f 1 -wi 5 -w 2s -i 10 -r 2s -t 1 2>&1 | grep -E '^(Benchmark|CountCheck)'; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -n 1)"
echo "before ($base: $(cd "$here/.." && git rev-parse --short "$base")):"
jmh "$before/classes" '(check|countUnit)$'
echo "after ($(cd "$here/.." && git rev-parse --short HEAD)$(cd "$here/.." && git diff --quiet HEAD -- src || echo ', with uncommitted changes')):"
jmh "$here/../src/target/classes" '(check|checkAndFingerprint|countUnit)$'
