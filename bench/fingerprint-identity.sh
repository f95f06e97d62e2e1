#!/usr/bin/env bash
# Whether the check and the fingerprint of the working tree find exactly what BASE's find, on every
# real sample and damaged variants of it (bench FingerprintListing): prints the differing lines, if
# any, and exits non-zero then. Run it under the build lock:
#   flock /tmp/mvn.lock bench/fingerprint-identity.sh [BASE (default: main)] [SAMPLES_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
base="${1:-main}"
samples="$(cd "${2:-$here/../../shared/data/imagenet-samples}" && pwd)"
(cd "$here/.." && mvn -B -q -o -DskipTests -pl bench -am package)
deps="$(tr ':' '\n' < "$here/target/bench-classpath.txt" | grep -v 'imagenet-wds-core' | paste -sd:)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$here/.." && git archive "$base" src/main) | tar -x -C "$work"
mkdir -p "$work/classes"
javac -nowarn -d "$work/classes" -cp "$deps" $(find "$work/src/main/java" -name '*.java') 2>&1 | grep -v '^Note:' || true
cp -r "$work/src/main/resources/." "$work/classes/" 2>/dev/null || true
list() { java -cp "$here/target/classes:$1:$deps" org.imagenetwds.bench.FingerprintListing "$samples"; }
list "$work/classes" > "$work/before.txt"
list "$here/../src/target/classes" > "$work/after.txt"
echo "$(wc -l < "$work/after.txt") lines ($(grep -c ' fingerprint ' "$work/after.txt") fingerprints, $(grep -c ' fingerprint rejected' "$work/after.txt") of them rejected; $(grep -c ' decodes$' "$work/after.txt") damaged variants decode)"
diff "$work/before.txt" "$work/after.txt" || { echo "differs from $base"; exit 1; }
echo "identical to $base ($(cd "$here/.." && git rev-parse --short "$base"))"
