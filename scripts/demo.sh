#!/usr/bin/env bash
# The QNWIS performance agent in two minutes: build (if needed), start the sample service with
# the agent attached, drive a short load through the four scenarios, print the figures.
#
#   ./scripts/demo.sh                 run the demo, then stop the service
#   ./scripts/demo.sh --keep-running  leave the service (and its /metrics) up afterwards
#   ./scripts/demo.sh --rebuild       rebuild even if the jars look current
#   ./scripts/demo.sh --requests 100 --users 8
#
# Needs a JDK 17+, Maven and Redis (a running one, or redis-server installed: the demo then
# starts one on port 6379 and stops it again). Ports: QNWIS_PORT (service, default 8080) and
# QNWIS_METRICS_PORT (agent's /metrics, default 9400), QNWIS_REDIS_PORT (default 6379).
# Logs and results: target/demo/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

KEEP_RUNNING=false
REBUILD=false
REQUESTS=40
USERS=4
PORT="${QNWIS_PORT:-8080}"
METRICS_PORT="${QNWIS_METRICS_PORT:-9400}"
REDIS_PORT="${QNWIS_REDIS_PORT:-6379}"

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --keep-running) KEEP_RUNNING=true ;;
    --rebuild) REBUILD=true ;;
    --requests) REQUESTS="${2:?--requests needs a number}"; shift ;;
    --users) USERS="${2:?--users needs a number}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "demo: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

AGENT_JAR="agent/target/qnwis-agent.jar"
APP_JAR="sample-app/target/qnwis-sample-app.jar"
BENCH_CLASSES="integration-tests/target/classes"
OUT="target/demo"
mkdir -p "$OUT"

say() { printf '\n==> %s\n' "$*"; }
fail() { printf '\ndemo: %s\n' "$*" >&2; exit 1; }

# --- what the machine has -------------------------------------------------------------------
missing=()
if ! command -v java >/dev/null 2>&1; then
  missing+=("java: a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk, or Temurin 17+)")
else
  java_major="$(java -version 2>&1 | head -n1 | sed -E 's/.*version "([0-9]+)(\.([0-9]+))?.*/\1 \3/' \
    | awk '{ print ($1 == 1 ? $2 : $1) }')"
  if [[ -z "$java_major" || "$java_major" -lt 17 ]]; then
    missing+=("java 17 or newer (found: $(java -version 2>&1 | head -n1))")
  fi
fi
command -v mvn >/dev/null 2>&1 || missing+=("mvn: Apache Maven 3.8+ (e.g. apt-get install maven)")
if [[ ${#missing[@]} -gt 0 ]]; then
  printf 'demo: this machine is missing:\n' >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi

redis_answers() {
  # PING over bash's /dev/tcp: works without redis-cli.
  local reply
  reply="$( (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT" && printf 'PING\r\n' >&3 \
    && timeout 2 head -c 7 <&3) 2>/dev/null || true)"
  [[ "$reply" == *PONG* ]]
}
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

STARTED_REDIS=false
if redis_answers; then
  echo "Redis: answering on 127.0.0.1:$REDIS_PORT"
elif command -v redis-server >/dev/null 2>&1; then
  say "Starting redis-server on port $REDIS_PORT (stopped again at the end)"
  redis-server --daemonize yes --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    --pidfile "$ROOT/$OUT/redis.pid" --logfile "$ROOT/$OUT/redis.log"
  for _ in $(seq 1 50); do redis_answers && break; sleep 0.1; done
  redis_answers || fail "redis-server did not start; see $OUT/redis.log"
  STARTED_REDIS=true
else
  echo "demo: Redis is not running on 127.0.0.1:$REDIS_PORT and redis-server is not installed" >&2
  echo "      (apt-get install redis-server, or brew install redis)." >&2
  echo "      Continuing without it: the service answers uncached, so cache figures stay empty." >&2
fi

# --- build ----------------------------------------------------------------------------------
# A stamp written after each build by this script: any source or pom newer than it means a
# rebuild (comparing against the jars would miss incremental compiles).
STAMP="$OUT/.built"
needs_build=$REBUILD
for artifact in "$AGENT_JAR" "$APP_JAR" "$BENCH_CLASSES/io/qnwis/bench/load/LoadBenchmark.class" "$STAMP"; do
  [[ -f "$artifact" ]] || needs_build=true
done
if [[ $needs_build == false ]] \
  && [[ -n "$(find pom.xml ./*/pom.xml agent/src sample-app/src integration-tests/src/main \
      -newer "$STAMP" -type f 2>/dev/null | head -n1)" ]]; then
  needs_build=true
fi
if [[ $needs_build == true ]]; then
  say "Building (mvn -B -q -DskipTests package; the first build downloads dependencies)"
  mvn -B -q -Dstyle.color=never -DskipTests package || fail "the build failed (see the Maven output above)"
  touch "$STAMP"
else
  echo "Build: up to date (--rebuild to force)"
fi

# --- start the service with the agent --------------------------------------------------------
port_busy "$PORT" && fail "port $PORT is in use; run with QNWIS_PORT=<free port> $0"
port_busy "$METRICS_PORT" && fail "port $METRICS_PORT is in use; run with QNWIS_METRICS_PORT=<free port> $0"

SERVICE_LOG="$OUT/service.log"
say "Starting the sample service with the agent attached"
echo "java -javaagent:$AGENT_JAR=config=sample-app/agent.yaml,port=$METRICS_PORT -jar $APP_JAR $PORT"
# A cold cache on every run, so the hit ratio shows misses turning into hits.
QNWIS_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" QNWIS_CACHE_CLEAR_ON_START=true \
  java "-javaagent:$ROOT/$AGENT_JAR=config=$ROOT/sample-app/agent.yaml,port=$METRICS_PORT" \
  -jar "$APP_JAR" "$PORT" >"$SERVICE_LOG" 2>&1 &
SERVICE_PID=$!

cleanup() {
  if [[ $KEEP_RUNNING == false ]]; then
    kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
    if [[ $STARTED_REDIS == true && -f "$OUT/redis.pid" ]]; then
      kill "$(cat "$OUT/redis.pid")" 2>/dev/null || true
    fi
  fi
}
trap cleanup EXIT

printf 'Waiting for it (creating the data set takes a few seconds)'
for _ in $(seq 1 240); do
  grep -q "listening on" "$SERVICE_LOG" && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { echo; cat "$SERVICE_LOG" >&2; fail "the service exited (log above)"; }
  printf '.'
  sleep 0.5
done
echo
grep -q "listening on" "$SERVICE_LOG" || { tail -n 30 "$SERVICE_LOG" >&2; fail "the service did not start in 2 minutes"; }
grep -E '^\[qnwis-agent\]|data set|cache cleared|Redis' "$SERVICE_LOG" | sed 's/^/  /' || true

# --- load ------------------------------------------------------------------------------------
say "Driving load: $USERS users, $REQUESTS requests per scenario"
set +e
java -cp "$BENCH_CLASSES" io.qnwis.bench.load.LoadBenchmark \
  --base-url "http://127.0.0.1:$PORT" --all --users "$USERS" --requests "$REQUESTS" \
  --metrics-url "http://127.0.0.1:$METRICS_PORT/metrics" --output "$OUT/results.json"
bench_status=$?
set -e
[[ $bench_status -le 1 ]] || fail "the load benchmark could not run (status $bench_status)"

say "Headline figures from the agent's /metrics"
java -cp "$BENCH_CLASSES" io.qnwis.bench.load.MetricsHeadline "http://127.0.0.1:$METRICS_PORT/metrics" \
  || echo "  (could not read /metrics)"

say "Where things are"
cat <<EOF
  service         http://127.0.0.1:$PORT/api/query/complex?sector=ICT&year=2024
                  (also /api/query/simple, /api/query/medium, /api/dashboard, /healthz)
  agent metrics   http://127.0.0.1:$METRICS_PORT/metrics   (also /health, /config, /queries, /cache)
  results         $OUT/results.json   (compare a later run: --baseline $OUT/results.json)
  service log     $SERVICE_LOG
EOF
if [[ $KEEP_RUNNING == true ]]; then
  echo
  echo "The service keeps running (pid $SERVICE_PID). Stop it with: kill $SERVICE_PID"
  [[ $STARTED_REDIS == true ]] && echo "The demo's redis-server too: kill \$(cat $OUT/redis.pid)"
else
  echo
  echo "Stopping the service (run with --keep-running to explore it afterwards)."
fi
[[ $bench_status -eq 0 ]] || echo "Note: a scenario missed its p95 target (FAIL above)."
exit 0
