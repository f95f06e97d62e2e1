#!/usr/bin/env bash
# Stops what start-cluster.sh started (workers first, then the master), by the pids it recorded.
# A worker stopping kills its executors and drivers.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"
shopt -s nullglob
pids=("$CLUSTER_DIR"/pids/worker-*.pid "$CLUSTER_DIR"/pids/master.pid)
for f in "${pids[@]}"; do
  pid="$(cat "$f")"
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
done
echo "stopped"
