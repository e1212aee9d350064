#!/usr/bin/env bash
# The performance report in one command: per-call overhead (JMH), start-up and memory, the
# end-to-end scenario load and the scrape cost, each with no agent, this agent and the
# OpenTelemetry agent; writes docs/performance.md, docs/performance.json and docs/performance.png.
# Usage: scripts/perf.sh [--quick] [--only jmh,startup,e2e,scrape] [--out DIR] [--budget-minutes N]
# --quick takes about 7 minutes on a quiet machine (wide spreads; the three round-trip-bound
# benchmarks are left to the full run) and starts nothing new after 10 minutes (--budget-minutes);
# without it, expect about an hour.
# Exits non-zero only when the harness itself cannot run (build failure, crash), never on figures.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "[perf.sh] building the agent, the sample app and the benchmarks (tests skipped)"
# package: the agent jar and the OpenTelemetry agent copied to integration-tests/target/otel/;
# build-classpath: each module's runtime class path in its target/classpath.txt.
mvn -B -q -pl agent,sample-app,integration-tests -am -DskipTests -Dspotless.check.skip=true \
  package dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# jmh.ignoreLock: other JMH runs on this shared machine hold /tmp/jmh.lock; the report notes the
# load average instead of refusing to run.
exec "$java_bin" -Xmx1g -Djmh.ignoreLock=true \
  -Dqnwis.agent.jar=agent/target/qnwis-agent.jar \
  -Dqnwis.otel.jar=integration-tests/target/otel/opentelemetry-javaagent.jar \
  -Dqnwis.sample.dir=sample-app \
  -cp "integration-tests/target/classes:$(cat integration-tests/target/classpath.txt)" \
  io.qnwis.bench.Perf "$@"
