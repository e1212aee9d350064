#!/usr/bin/env bash
# Makes sure what the tests need is here and running: Redis on 127.0.0.1:6379, PostgreSQL on
# 127.0.0.1:5432 (trust auth, database `test`) and promtool. Installs from Debian's packages when
# missing (needs root), starts a service that is installed but not answering. Idempotent.
set -uo pipefail

log() { echo "[services] $*"; }

apt_ready=
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    log "cannot install $* (not root): install it yourself"
    return 1
  fi
  if [ -z "$apt_ready" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && apt_ready=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Redis
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  command -v redis-server >/dev/null || apt_install redis-server redis-tools
  log "starting redis-server"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /tmp --logfile /tmp/qnwis-redis.log
  for _ in $(seq 50); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.1; done
fi
redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && log "redis: up" || log "redis: NOT answering"

# PostgreSQL
pg_up() { psql -h 127.0.0.1 -U postgres -d test -tAc 'select 1' >/dev/null 2>&1; }
if ! pg_up; then
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  if [ -n "$version" ]; then
    log "starting PostgreSQL $version"
    hba=/etc/postgresql/$version/main/pg_hba.conf
    # Tests connect as postgres over TCP without a password (trust), as on the dev machines.
    if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba" 2>/dev/null; then
      sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba" 2>/dev/null || true
    fi
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
      || pg_ctlcluster --skip-systemctl-redirect "$version" main reload 2>/dev/null || true
    for _ in $(seq 50); do pg_isready -h 127.0.0.1 -q && break; sleep 0.2; done
    psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname='test'" 2>/dev/null | grep -q 1 \
      || psql -h 127.0.0.1 -U postgres -c 'create database test' >/dev/null 2>&1 || true
  fi
fi
pg_up && log "postgresql: up" || log "postgresql: NOT answering"

# promtool (validates /metrics in the end-to-end tests)
command -v promtool >/dev/null || apt_install prometheus || true
command -v promtool >/dev/null && log "promtool: $(command -v promtool)" || log "promtool: missing"
exit 0
