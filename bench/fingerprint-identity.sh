#!/usr/bin/env bash
# Whether the check and the fingerprint of the working tree find exactly what BASE's find, on every
# real sample and damaged variants of it (bench FingerprintListing): prints the differing lines, if
# any, and exits non-zero then. Run it under the build lock:
#   flock /tmp/mvn.lock bench/fingerprint-identity.sh [BASE (default: main)] [SAMPLES_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/base-classes.sh"
base_classes "$@"
list() { java -cp "$here/target/classes:$1:$deps" org.imagenetwds.bench.FingerprintListing "$samples"; }
list "$before/classes" > "$before/before.txt"
list "$here/../src/target/classes" > "$before/after.txt"
echo "$(wc -l < "$before/after.txt") lines ($(grep -c ' fingerprint ' "$before/after.txt") fingerprints, $(grep -c ' fingerprint rejected' "$before/after.txt") of them rejected; $(grep -c ' decodes$' "$before/after.txt") damaged variants decode)"
diff "$before/before.txt" "$before/after.txt" || { echo "differs from $base"; exit 1; }
echo "identical to $base ($(cd "$here/.." && git rev-parse --short "$base"))"
