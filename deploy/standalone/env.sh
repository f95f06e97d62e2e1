# Shared settings of the standalone-cluster scripts (sourced, not run). Every value can be
# overridden from the environment.
standalone="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$standalone/../.." && pwd)"
export SPARK_HOME="${SPARK_HOME:-$standalone/target/spark-home}"
# the worker's launcher finds $SPARK_HOME/jars only when it knows the Scala version (a binary
# distribution has it in its file names; without it executors fail: "Cannot find any build directories"):
# read from the spark-core jar's name (2.12 for Spark 3.5, 2.13 for Spark 4)
spark_core_jar=$(compgen -G "$SPARK_HOME/jars/spark-core_*.jar" | head -n 1 || true)
if [[ -z "${SPARK_SCALA_VERSION:-}" && -n "$spark_core_jar" ]]; then
  spark_core_jar="${spark_core_jar##*/spark-core_}"
  export SPARK_SCALA_VERSION="${spark_core_jar%%-*}"
fi
# everything on loopback: master, workers, executors and driver bind to and advertise 127.0.0.1
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
CLUSTER_DIR="${CLUSTER_DIR:-$standalone/target/cluster}"
MASTER_HOST="${MASTER_HOST:-127.0.0.1}"
MASTER_PORT="${MASTER_PORT:-7077}"
MASTER_WEBUI_PORT="${MASTER_WEBUI_PORT:-8080}"
MASTER_URL="spark://$MASTER_HOST:$MASTER_PORT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# what Spark needs on Java 17 (bin/spark-class adds these in a Spark distribution): for the
# daemons, the driver and, through spark.{driver,executor}.extraJavaOptions, every JVM they launch
JAVA17_OPENS=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  JAVA17_OPENS+="--add-opens=java.base/$p=ALL-UNNAMED "
done
JAVA17_OPENS="${JAVA17_OPENS% }"
# HADOOP_CONF_DIR (core-site.xml, yarn-site.xml) first: how spark-submit --master yarn finds the cluster
SPARK_CP="${HADOOP_CONF_DIR:+$HADOOP_CONF_DIR:}$SPARK_HOME/conf:$SPARK_HOME/jars/*"

require_spark_home() {
  if ! compgen -G "$SPARK_HOME/jars/spark-core_*.jar" >/dev/null; then
    echo "no Spark jars in $SPARK_HOME/jars: run $standalone/assemble-spark-home.sh first" >&2
    exit 1
  fi
}
