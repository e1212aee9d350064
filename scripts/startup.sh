#!/usr/bin/env bash
# Start-up time of a trivial main with and without the agent (median of RUNS, default 15).
# Usage: scripts/startup.sh [RUNS] [--java JAVA_HOME] [--agent-config FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f agent/target/qnwis-agent.jar ] || [ ! -d integration-tests/target/classes ]; then
  mvn -B -q -DskipTests package
fi
# Only the benchmark classes: a trivial main needs nothing else on its class path.
exec java -cp integration-tests/target/classes io.qnwis.bench.startup.StartupTime "$@"
