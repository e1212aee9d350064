#!/usr/bin/env bash
# Runs JMH benchmarks with no agent, this agent and the OpenTelemetry agent, and prints the added
# ns/op, CPU ns/op and allocation per op (see io.qnwis.bench.jmh.Overhead).
# Usage: scripts/bench.sh [--quick] [--modes none,agent,otel] [--agent-config FILE] [--json FILE] INCLUDE_REGEX...
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl agent,sample-app,integration-tests -am -DskipTests -Dspotless.check.skip=true \
  package dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt
# jmh.ignoreLock: other JMH runs on this shared machine may hold /tmp/jmh.lock.
exec java -Djmh.ignoreLock=true \
  -Dqnwis.agent.jar=agent/target/qnwis-agent.jar \
  -Dqnwis.otel.jar=integration-tests/target/otel/opentelemetry-javaagent.jar \
  -cp "integration-tests/target/classes:$(cat integration-tests/target/classpath.txt)" \
  io.qnwis.bench.jmh.Overhead "$@"
