#!/usr/bin/env bash
# Start-up benchmark: time from `java -jar server-config/target/opssight.jar` to the first 200 on
# /health/ready, and the process RSS right then and after 30 s idle. Runs N times on the embedded
# default (fresh data dir each run) and, when PostgreSQL is reachable, N times on a fresh database.
# Usage: bench/startup.sh [runs]   (build first: mvn -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
JAR=server-config/target/opssight.jar
PORT=${PORT:-18181}
[ -f "$JAR" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }

measure() { # label, extra env...
  local label=$1; shift
  local data; data=$(mktemp -d)
  local start end pid code rss rss30
  start=$(date +%s%N)
  env OPSSIGHT_DATA_DIR="$data" OPSSIGHT_HTTP_PORT=$PORT OPSSIGHT_MICRO_ARGS=--nocluster "$@" \
    java -jar "$JAR" >"$data/server.log" 2>&1 &
  pid=$!
  code=000
  for _ in $(seq 1 1200); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/ready" || true)
    [ "$code" = 200 ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
  done
  end=$(date +%s%N)
  rss=$(ps -o rss= -p $pid | tr -d ' ')
  sleep 30
  rss30=$(ps -o rss= -p $pid | tr -d ' ')
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$data"
  printf '| %s | %s | %.1f | %d | %d |\n' "$label" "$code" "$(echo "($end-$start)/1000000000" | bc -l)" $((rss/1024)) $((rss30/1024))
}

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%F)"
echo
echo "| database | ready status | seconds to ready | RSS at ready (MB) | RSS after 30 s (MB) |"
echo "|---|---|---|---|---|"
for _ in $(seq 1 "$RUNS"); do measure "embedded H2"; done
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  for i in $(seq 1 "$RUNS"); do
    db=opssight_bench_$$_$i
    psql -h 127.0.0.1 -U postgres -qc "create database $db" >/dev/null
    measure "PostgreSQL" OPSSIGHT_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" OPSSIGHT_DB_USER=postgres
    psql -h 127.0.0.1 -U postgres -qc "drop database $db with (force)" >/dev/null
  done
fi
