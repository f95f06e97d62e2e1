#!/usr/bin/env bash
# spark-submit for the assembled SPARK_HOME (which has jars/ but no bin/): the same
# org.apache.spark.deploy.SparkSubmit that bin/spark-submit of a Spark distribution runs, with
# Java 17's --add-opens for this JVM and, through extraJavaOptions, for the driver (cluster mode)
# and the executors. Arguments are spark-submit's. In client mode this JVM is the driver.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"
require_spark_home
# shellcheck disable=SC2086
exec "$JAVA" -Xmx"${DRIVER_MEMORY:-1g}" $JAVA17_OPENS -cp "$SPARK_CP" org.apache.spark.deploy.SparkSubmit \
  --conf "spark.driver.extraJavaOptions=$JAVA17_OPENS" \
  --conf "spark.executor.extraJavaOptions=$JAVA17_OPENS" \
  "$@"
