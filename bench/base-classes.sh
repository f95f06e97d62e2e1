# Shared by the scripts that run bench classes on the core of an older commit against the working
# tree's (fingerprint-cost.sh, fingerprint-identity.sh). Sourced after `here` is set; run under the
# build lock. Builds the bench module, sets `deps` (its classpath without the core) and `before` (a
# temporary folder, removed on exit), and compiles BASE's core into "$before/classes".
# usage: base_classes BASE
base_classes() {
  (cd "$here/.." && mvn -B -q -o -DskipTests -pl bench -am package)
  deps="$(tr ':' '\n' < "$here/target/bench-classpath.txt" | grep -v 'imagenet-wds-core' | paste -sd:)"
  before="$(mktemp -d)"
  trap 'rm -rf "$before"' EXIT
  (cd "$here/.." && git archive "$1" src/main) | tar -x -C "$before"
  mkdir -p "$before/classes"
  javac -nowarn -d "$before/classes" -cp "$deps" $(find "$before/src/main/java" -name '*.java') 2>&1 | grep -v '^Note:' || true
  cp -r "$before/src/main/resources/." "$before/classes/" 2>/dev/null || true
}
