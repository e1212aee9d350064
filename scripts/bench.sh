#!/usr/bin/env bash
# Runs JMH benchmarks with and without the agent and prints the added ns/op.
# Usage: scripts/bench.sh [--quick] [--agent-config FILE] INCLUDE_REGEX...
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f agent/target/qnwis-agent.jar ] || [ ! -d integration-tests/target/classes ]; then
  mvn -B -q -DskipTests package
fi
cp_file=integration-tests/target/bench.classpath
# In one reactor run with package: the sibling modules (agent, sample-app) are never installed, so
# only a reactor that has just packaged them can resolve them.
mvn -B -q -pl integration-tests -am -DskipTests -Dspotless.check.skip=true package \
  dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$PWD/$cp_file" >/dev/null
exec java -cp "integration-tests/target/classes:$(cat "$cp_file")" io.qnwis.bench.jmh.Overhead "$@"
