#!/usr/bin/env bash
# The test command: starts (or installs) Redis, PostgreSQL and promtool if needed, then builds
# the agent and runs every test, unit and end-to-end (forked JVMs with -javaagent), on JDK 17
# and, where installed, Temurin 25.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/services.sh
exec mvn -B verify "$@"
