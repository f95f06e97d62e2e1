#!/usr/bin/env bash
# Assembles a SPARK_HOME for a standalone cluster from the jars Maven resolves (the project's Spark line:
# Spark 3.5 for Scala 2.12 with its Hadoop 3.3.4 client, hadoop-aws 3.3.4 and the AWS SDK v1 bundle;
# MVN_ARGS=-Pspark4: Spark 4.0 for Scala 2.13, Hadoop 3.4.1, the AWS SDK v2 bundle): no Spark
# distribution tarball needed. ~240 jars, ~530 MB.
#   deploy/standalone/assemble-spark-home.sh [SPARK_HOME]     (default: deploy/standalone/target/spark-home)
# Does nothing when that folder was already assembled from the current poms, scripts and MVN_ARGS.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"
home="${1:-$SPARK_HOME}"
stamp="$home/.assembled-from"
want="$({ cat "$standalone/pom.xml" "$repo/pom.xml" "$0" "$standalone/DropShadowedCopies.java"; echo "${MVN_ARGS:-}"; } \
  | sha256sum | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]] && compgen -G "$home/jars/spark-core_*.jar" >/dev/null; then
  echo "$home is assembled"
  exit 0
fi
rm -rf "$home/jars"
mkdir -p "$home/jars" "$home/conf"
mvn -B -q ${MVN_ARGS:-} -f "$standalone/pom.xml" dependency:copy-dependencies -DoutputDirectory="$home/jars"
# the AWS SDK v2 bundle (Hadoop 3.4) also carries SLF4J 1.7, Netty, HttpClient... unshaded: one copy of each
# class, or the wildcard class path's arbitrary order decides, and SLF4J may bind to nothing (no log at all)
shopt -s nullglob
for bundle in "$home"/jars/bundle-*.jar; do
  "$JAVA" "$standalone/DropShadowedCopies.java" "$bundle"
done
echo "$want" > "$stamp"
echo "assembled $home: $(ls "$home/jars" | wc -l) jars, $(du -sh "$home/jars" | cut -f1)"
