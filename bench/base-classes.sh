# Shared by the scripts that run bench classes on the core of an older commit against the working
# tree's (fingerprint-cost.sh, fingerprint-identity.sh). Sourced after `here` is set; run under the
# build lock.
# usage: base_classes [BASE (default: main)] [SAMPLES_DIR]
# Sets `base`, `samples` (default ../shared/data/imagenet-samples), `deps` (the bench module's
# classpath without the core, the module built first) and `before` (a temporary folder, removed on
# exit), and compiles BASE's core into "$before/classes".
base_classes() {
  base="${1:-main}"
  samples="$(cd "${2:-$here/../../shared/data/imagenet-samples}" && pwd)"
  (cd "$here/.." && mvn -B -q -o -DskipTests -pl bench -am package)
  deps="$(tr ':' '\n' < "$here/target/bench-classpath.txt" | grep -v 'imagenet-wds-core' | paste -sd:)"
  before="$(mktemp -d)"
  trap 'rm -rf "$before"' EXIT
  (cd "$here/.." && git archive "$base" src/main) | tar -x -C "$before"
  mkdir -p "$before/classes"
  javac -nowarn -d "$before/classes" -cp "$deps" $(find "$before/src/main/java" -name '*.java') 2>&1 | grep -v '^Note:' || true
  cp -r "$before/src/main/resources/." "$before/classes/" 2>/dev/null || true
}
