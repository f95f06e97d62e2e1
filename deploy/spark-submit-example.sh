#!/usr/bin/env bash
# Submit an ImageNet-12k build to a cluster. Edit the locations; credentials come from the
# environment / instance profile (AWS default provider chain), never from this file.
set -euo pipefail
JAR="${JAR:-spark-jobs/target/imagenet-wds-spark-jobs-0.1.0-SNAPSHOT-job.jar}"
INPUT="${INPUT:-s3a://my-bucket/imagenet/fall11/}"
OUTPUT="${OUTPUT:-s3a://my-bucket/datasets/imagenet12k-wds/}"

spark-submit \
  --class org.imagenetwds.cli.ImagenetWds \
  --properties-file "$(dirname "$0")/../conf/spark-defaults.conf" \
  "$JAR" \
  run --input "$INPUT" --output "$OUTPUT"
