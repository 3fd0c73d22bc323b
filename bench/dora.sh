#!/usr/bin/env bash
# DORA benchmark (issue 4): GET /api/v1/dora latency for a team, a service and the whole organisation
# over 90 days and 1 year, on 1M deployments and 10M pipeline runs across 2,000 services and 200 teams,
# generated straight into PostgreSQL (bench/dora-data.sql) in a fresh database that OpsSight migrated.
# Usage: bench/dora.sh            (build first: mvn -B -DskipTests package)
# Sizes: DEPLOYMENTS=1000000 RUNS=10000000 SERVICES=2000 TEAMS=200 DAYS=365 REQUESTS=200 WARMUP=20 ORG_REQUESTS=100
# KEEP_DB=1 keeps the database (its name is printed) for EXPLAIN ANALYZE.
set -euo pipefail
cd "$(dirname "$0")/.."
DEPLOYMENTS=${DEPLOYMENTS:-1000000}
RUNS=${RUNS:-10000000}
SERVICES=${SERVICES:-2000}
TEAMS=${TEAMS:-200}
DAYS=${DAYS:-365}
REQUESTS=${REQUESTS:-200}
WARMUP=${WARMUP:-20}
ORG_REQUESTS=${ORG_REQUESTS:-100}
PORT=${PORT:-18383}
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
DB=${DB:-opssight_bench_dora_$$}
TOKEN=bench-admin-token-0123456789abcdef
JAR=server-config/target/opssight.jar
[ -f "$JAR" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }
WORK=$(mktemp -d)
cleanup() {
  [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null
  [ -z "${KEEP_DB:-}" ] && $PSQL -c "drop database if exists $DB with (force)" postgres >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(java -version 2>&1 | head -1), $(psql --version), $(date -u +%FT%TZ)"
echo "PostgreSQL settings: $($PSQL -tAc "select string_agg(name || '=' || setting || coalesce(unit, ''), ' ') from pg_settings where name in ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'effective_cache_size')" postgres)"
$PSQL -c "create database $DB" postgres

start() {
  OPSSIGHT_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" OPSSIGHT_DB_USER=postgres OPSSIGHT_HTTP_PORT=$PORT \
    OPSSIGHT_BOOTSTRAP_ADMIN_TOKEN=$TOKEN OPSSIGHT_MICRO_ARGS=--nocluster \
    OPSSIGHT_RATELIMIT_PER_TOKEN_PER_MINUTE=0 OPSSIGHT_RATELIMIT_PER_ADDRESS_PER_MINUTE=0 OPSSIGHT_RATELIMIT_PER_SOURCE_PER_MINUTE=0 \
    java -Xmx1g -jar "$JAR" >> "$WORK/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/ready")" = 200 ] && return; sleep 0.5
  done
  echo "OpsSight did not become ready; log: $WORK/server.log" >&2; cat "$WORK/server.log" >&2; exit 1
}

echo "== migrating a fresh database by starting OpsSight once"
start
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=

echo "== generating $DEPLOYMENTS deployments, $RUNS pipeline runs, $SERVICES services, $TEAMS teams over $DAYS days"
# One statement per step, each a no-op when done, retried when cut short (other tests on a shared
# machine restart PostgreSQL); pipeline runs in chunks of a million.
awk -v dir="$WORK" '/^-- step: /{n++; f=sprintf("%s/step-%02d.sql", dir, n); print "\\echo " substr($0, 10) > f; next} n{print >> f}' bench/dora-data.sql
step() {
  local file=$1; shift
  local label; label=$(head -1 "$file" | cut -c7-)
  for attempt in 1 2 3 4 5 6; do
    local t0; t0=$(date +%s.%N)
    if $PSQL -v services="$SERVICES" -v teams="$TEAMS" -v deployments="$DEPLOYMENTS" -v days="$DAYS" "$@" -f "$file" "$DB" \
        > /dev/null 2> "$WORK/step.err"; then
      printf '   %-70s %8.1f s\n' "$label $*" "$(echo "$(date +%s.%N) - $t0" | bc)"
      return
    fi
    echo "   $label: $(grep -m1 -E 'ERROR|FATAL|error' "$WORK/step.err") -- retrying ($attempt)"
    sleep 15
  done
  echo "giving up on $label" >&2; exit 1
}
GEN_START=$(date +%s)
for f in "$WORK"/step-*.sql; do
  if grep -q "^\\\\echo pipeline runs" "$f"; then
    for ((first = 1; first <= RUNS; first += 1000000)); do
      step "$f" -v first=$first -v last=$(( first + 999999 < RUNS ? first + 999999 : RUNS ))
    done
  else
    step "$f"
  fi
done
echo "generated in $(( $(date +%s) - GEN_START )) s: $($PSQL -tAc "select (select count(*) from deployment) || ' deployments, ' || (select count(*) from deployment_change) || ' shipped changes, ' || (select count(*) from incident) || ' incidents, ' || (select count(*) from pipeline_run) || ' pipeline runs; database ' || pg_size_pretty(pg_database_size(current_database()))" "$DB")"

start
echo "== OpsSight builds the organisation-wide roll-up from the days marked dirty"
ROLL_START=$(date +%s)
while [ "$($PSQL -tAc "select count(*) from dora_dirty_day" "$DB")" != 0 ]; do sleep 2; done
echo "roll-up of $($PSQL -tAc "select count(distinct day_number) || ' days, ' || count(*) || ' rows' from dora_day" "$DB") built in $(( $(date +%s) - ROLL_START )) s"

echo "== GET /api/v1/dora, one request at a time ($WARMUP warm-up requests per case); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java bench/DoraBench.java "http://127.0.0.1:$PORT" "$TOKEN" "$TEAMS" "$SERVICES" "$REQUESTS" "$WARMUP" "$ORG_REQUESTS"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "${KEEP_DB:-}" ] && echo "kept database $DB"
