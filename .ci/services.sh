#!/usr/bin/env bash
# Services for the integration suite (test/integration): `start` installs Redis from Debian if
# missing, runs it on 127.0.0.1:6399 without persistence and writes .ci/services.env;
# `stop` shuts it down. Both are idempotent. Elasticsearch and Kafka are not handled here yet.
set -euo pipefail
cd "$(dirname "$0")/.."

REDIS_PORT=6399
STATE_DIR="${TMPDIR:-/tmp}/lognest-ci-redis-${REDIS_PORT}"
ENV_FILE=.ci/services.env

redis_up() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

start_redis() {
  command -v redis-server >/dev/null || apt_install redis-server
  if ! redis_up; then
    mkdir -p "$STATE_DIR"
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$STATE_DIR" \
      --save '' --appendonly no --daemonize yes \
      --pidfile "$STATE_DIR/redis.pid" --logfile "$STATE_DIR/redis.log"
    for _ in $(seq 1 100); do redis_up && break; sleep 0.1; done
    redis_up || { echo "redis-server did not answer on port $REDIS_PORT" >&2; cat "$STATE_DIR/redis.log" >&2; exit 1; }
  fi
  echo "redis: 127.0.0.1:$REDIS_PORT ($(redis-server --version | awk '{print $3}'))"
}

stop_redis() {
  if redis_up; then redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; fi
  for _ in $(seq 1 50); do redis_up || break; sleep 0.1; done
  rm -rf "$STATE_DIR"
}

case "${1:-}" in
  start)
    start_redis
    echo "export LOGNEST_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT" > "$ENV_FILE"
    ;;
  stop)
    stop_redis
    rm -f "$ENV_FILE"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
