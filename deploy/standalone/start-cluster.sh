#!/usr/bin/env bash
# Starts a Spark standalone cluster on loopback: one master and N workers, each its own JVM,
# with pid files and logs under $CLUSTER_DIR (default deploy/standalone/target/cluster).
#   WORKERS=2 WORKER_CORES=1 WORKER_MEMORY=2g MASTER_PORT=7077 MASTER_WEBUI_PORT=8080 deploy/standalone/start-cluster.sh
# Executors and cluster-mode drivers are started by the workers and inherit their environment:
# export S3 credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, the standard provider chain)
# here rather than putting them on a command line.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"
require_spark_home
workers="${WORKERS:-2}"
mkdir -p "$CLUSTER_DIR/pids" "$CLUSTER_DIR/logs" "$CLUSTER_DIR/local"
export SPARK_LOCAL_DIRS="${SPARK_LOCAL_DIRS:-$CLUSTER_DIR/local}"

daemon() { # name, main class, arguments
  local name="$1"; shift
  if [[ -f "$CLUSTER_DIR/pids/$name.pid" ]] && kill -0 "$(cat "$CLUSTER_DIR/pids/$name.pid")" 2>/dev/null; then
    echo "$name is already running (pid $(cat "$CLUSTER_DIR/pids/$name.pid"))" >&2
    exit 1
  fi
  # shellcheck disable=SC2086
  nohup "$JAVA" -Xmx"${DAEMON_HEAP:-512m}" $JAVA17_OPENS -cp "$SPARK_CP" "$@" \
    >"$CLUSTER_DIR/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$CLUSTER_DIR/pids/$name.pid"
}

master_state() {
  curl -sf "http://$MASTER_HOST:$MASTER_WEBUI_PORT/json/" 2>/dev/null || true
}

wait_for() { # description, test command
  local what="$1"; shift
  for _ in $(seq 1 "${START_TIMEOUT:-120}"); do
    if "$@"; then return 0; fi
    sleep 1
  done
  echo "timed out waiting for $what; logs in $CLUSTER_DIR/logs" >&2
  exit 1
}

daemon master org.apache.spark.deploy.master.Master \
  --host "$MASTER_HOST" --port "$MASTER_PORT" --webui-port "$MASTER_WEBUI_PORT"
wait_for "the master" bash -c "curl -sf http://$MASTER_HOST:$MASTER_WEBUI_PORT/json/ >/dev/null"
for i in $(seq 1 "$workers"); do
  mkdir -p "$CLUSTER_DIR/worker-$i"
  daemon "worker-$i" org.apache.spark.deploy.worker.Worker \
    --host "$MASTER_HOST" --cores "${WORKER_CORES:-1}" --memory "${WORKER_MEMORY:-2g}" \
    --work-dir "$CLUSTER_DIR/worker-$i" --webui-port 0 "$MASTER_URL"
done
alive() { [[ "$(master_state | grep -o '"aliveworkers" *: *[0-9]*' | grep -o '[0-9]*$')" == "$workers" ]]; }
wait_for "$workers workers to register" alive
echo "master $MASTER_URL with $workers workers; web UI http://$MASTER_HOST:$MASTER_WEBUI_PORT; logs in $CLUSTER_DIR/logs"
