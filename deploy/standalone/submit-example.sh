#!/usr/bin/env bash
# Submits `run` to the cluster of start-cluster.sh with spark-submit (client deploy mode unless
# DEPLOY_MODE=cluster). Without INPUT it first generates a small sample; the options below suit
# that sample: drop --classes ... --max-reject-fraction for the real release. Extra arguments are
# passed to spark-submit (e.g. --conf spark.hadoop.fs.s3a.endpoint=...).
#   INPUT=s3a://bucket/raw/fall11/ OUTPUT=hdfs://namenode:8020/datasets/in12k deploy/standalone/submit-example.sh
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"
require_spark_home
JAR="${JAR:-$(ls "$repo"/spark-jobs/target/imagenet-wds-spark-jobs-*-job.jar | head -n 1)}"
if [[ -z "${INPUT:-}" ]]; then
  INPUT="$CLUSTER_DIR/sample-input"
  [[ -d "$INPUT" ]] || "$JAVA" -cp "$JAR:$SPARK_CP" org.imagenetwds.cli.ImagenetWds generate-sample --output "$INPUT"
fi
OUTPUT="${OUTPUT:-$CLUSTER_DIR/sample-output}"
submit=(--master "$MASTER_URL"
  --deploy-mode "${DEPLOY_MODE:-client}"
  --class org.imagenetwds.cli.ImagenetWds
  --properties-file "$repo/conf/spark-defaults.conf"
  --executor-memory "${EXECUTOR_MEMORY:-1g}"
  --conf spark.executor.cores="${EXECUTOR_CORES:-1}"
  --conf spark.hadoop.fs.s3a.directory.marker.retention=keep)
run=(run --input "$INPUT" --output "$OUTPUT"
     --classes 8 --val-per-class 3 --train-shards 4 --val-shards 2 --max-reject-fraction 0.1)
if [[ "${DEPLOY_MODE:-client}" != cluster ]]; then
  exec "$standalone/spark-submit.sh" "${submit[@]}" "$@" "$JAR" "${run[@]}" # this JVM is the driver
fi
# Cluster mode: spark-submit returns once the master has the driver, and Spark 3.5 exits 0 even when a
# driver it waited for failed (SPARK-56539): wait for it, and exit with its outcome and its last line.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
"$standalone/spark-submit.sh" "${submit[@]}" --conf spark.standalone.submit.waitAppCompletion=true "$@" "$JAR" \
  "${run[@]}" 2>&1 | tee "$log" || status=$?
read -r driver state < <(grep -o 'State of driver driver-[0-9-]* is [A-Z]*' "$log" | tail -n 1 | awk '{print $4, $6}') || true
if [[ "${state:-}" != FINISHED ]]; then
  reason=""
  dir="$(find "$CLUSTER_DIR" -maxdepth 3 -type d -name "${driver:-none}" 2>/dev/null | head -n 1)"
  [[ -n "$dir" ]] && reason="$(grep 'imagenet-wds' "$dir/stderr" 2>/dev/null | tail -n 1 || true)"
  echo "submit-example.sh: driver ${driver:-?} ended ${state:-without a state}${reason:+ ($reason)}; its log: ${dir:-<worker>/$driver}/stderr" >&2
  exit 1
fi
exit "$status"
