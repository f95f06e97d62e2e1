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
exec "$standalone/spark-submit.sh" \
  --master "$MASTER_URL" \
  --deploy-mode "${DEPLOY_MODE:-client}" \
  --class org.imagenetwds.cli.ImagenetWds \
  --executor-memory "${EXECUTOR_MEMORY:-1g}" \
  --conf spark.hadoop.fs.s3a.directory.marker.retention=keep \
  "$@" \
  "$JAR" \
  run --input "$INPUT" --output "$OUTPUT" \
      --classes 8 --val-per-class 3 --train-shards 4 --val-shards 2 --max-reject-fraction 0.1
