#!/usr/bin/env bash
# The production topology on this machine, for CI and for trying it out:
#   PostgreSQL primary + streaming replica, Redis, an S3-compatible store (s3rver), 2 API
#   instances and nginx in front (deploy/nginx/xfqs.conf, generated into the state folder).
# Usage: scripts/deploy-local.sh up | down | status | drain <1|2> | undrain <1|2> | restart <1|2>
#   restart: drain the instance in nginx, SIGTERM it, start it again, wait for /readyz, undrain.
# Ports (defaults in brackets): DEPLOY_PG_PORT [54344], DEPLOY_REPLICA_PORT [54345],
# DEPLOY_REDIS_PORT [6441], DEPLOY_S3_PORT [9440], DEPLOY_API_PORT [3441] (and +1), DEPLOY_NGINX_PORT [8440].
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
pg_port=${DEPLOY_PG_PORT:-54344}
replica_port=${DEPLOY_REPLICA_PORT:-54345}
redis_port=${DEPLOY_REDIS_PORT:-6441}
s3_port=${DEPLOY_S3_PORT:-9440}
api_port_1=${DEPLOY_API_PORT:-3441}
api_port_2=$((api_port_1 + 1))
nginx_port=${DEPLOY_NGINX_PORT:-8440}
state=${DEPLOY_STATE_DIR:-/tmp/xfqs-deploy-$nginx_port}
db_name=xfqs_deploy
metrics_token=${DEPLOY_METRICS_TOKEN:-deploy-local-metrics-token-0123456789}
mkdir -p "$state"

api_port() { if [ "$1" = 1 ]; then echo "$api_port_1"; else echo "$api_port_2"; fi; }
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
wait_http() { # url, seconds[, pidfile of the process that must stay alive]
  for _ in $(seq 1 $(($2 * 5))); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    if [ -n "${3:-}" ] && ! pid_alive "$3"; then
      echo "died before answering $1; the end of ${3%.pid}.log:" >&2
      grep -v -e '^$' "${3%.pid}.log" | tail -n 40 >&2
      return 1
    fi
    sleep 0.2
  done
  echo "not answering: $1" >&2; return 1
}

write_nginx_conf() { # state of instance 1 and 2: "" or "down"
  local user_line=""
  [ "$(id -u)" = 0 ] && user_line="user nobody nogroup;"
  cat > "$state/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $state/nginx.pid;
error_log $state/nginx-error.log warn;
events { worker_connections 1024; }
http {
  client_body_temp_path $state/nginx-body;
  proxy_temp_path $state/nginx-proxy;
  fastcgi_temp_path $state/nginx-fastcgi;
  uwsgi_temp_path $state/nginx-uwsgi;
  scgi_temp_path $state/nginx-scgi;
  include $state/xfqs.conf;
}
CONF
  sed -e "s/@API_PORT_1@/$api_port_1/; s/@API_PORT_2@/$api_port_2/; s/@LISTEN@/127.0.0.1:$nginx_port/; s#@ACCESS_LOG@#$state/nginx-access.log#" \
      -e "s/@API_1_STATE@/${1:-}/; s/@API_2_STATE@/${2:-}/" deploy/nginx/xfqs.conf > "$state/xfqs.conf"
}

start_api() { # instance number
  # Every client of this one-machine deployment is 127.0.0.1 and its load tests reuse a few riders,
  # so the per-address and per-rider limits are lifted here (DEPLOY_*_RATE_LIMIT to set them); the
  # limits, shared through this Redis, have their own tests (apps/api/test/platform/*limits*).
  local n=$1 port; port=$(api_port "$n")
  PORT=$port HOST=127.0.0.1 NODE_ENV=development LOG_LEVEL=${DEPLOY_LOG_LEVEL:-warn} SKIP_H5_BUILD=1 SEED_DEMO=true DEV_LOGIN=true \
  DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/$db_name" \
  DATABASE_REPLICA_URL="postgres://postgres@127.0.0.1:$replica_port/$db_name" \
  REDIS_URL="redis://127.0.0.1:$redis_port" \
  S3_ENDPOINT="http://127.0.0.1:$s3_port" S3_BUCKET=xfqs-photos S3_REGION=us-east-1 S3_ACCESS_KEY_ID=S3RVER S3_SECRET_ACCESS_KEY=S3RVER \
  TRUST_PROXY=127.0.0.1 METRICS_TOKEN="$metrics_token" AUTH_RATE_LIMIT=${DEPLOY_AUTH_RATE_LIMIT:-100000} \
  AUTH_RATE_LIMIT_PER_ID=${DEPLOY_AUTH_RATE_LIMIT_PER_ID:-100000} CHECKIN_RATE_LIMIT=${DEPLOY_CHECKIN_RATE_LIMIT:-100000} \
  NEARBY_RATE_LIMIT=${DEPLOY_NEARBY_RATE_LIMIT:-100000} REDEMPTION_RATE_LIMIT=${DEPLOY_REDEMPTION_RATE_LIMIT:-100000} \
  APPLICATION_RATE_LIMIT=${DEPLOY_APPLICATION_RATE_LIMIT:-100000} REPORT_RATE_LIMIT=${DEPLOY_REPORT_RATE_LIMIT:-100000} \
    nohup node "$root/scripts/start.mjs" >> "$state/api-$n.log" 2>&1 &
  echo $! > "$state/api-$n.pid"
}

stop_api() { # instance number; SIGTERM (drains), waits for the exit
  local pidfile="$state/api-$1.pid"
  pid_alive "$pidfile" || return 0
  local pid; pid=$(cat "$pidfile")
  kill -TERM "$pid"
  for _ in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f "$pidfile"
}

nginx_reload() { nginx -c "$state/nginx.conf" -s reload; sleep 0.5; }

case "${1:-}" in
  up)
    PGTEST_PORT=$pg_port scripts/pg-throwaway.sh start >/dev/null
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -qAt -c "select 1 from pg_database where datname = '$db_name'" | grep -q 1 \
      || psql -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "create database $db_name"
    REPLICA_SYNC=0 scripts/pg-replica.sh start "$pg_port" "$replica_port" >/dev/null
    if ! pid_alive "$state/redis.pid"; then
      redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --pidfile "$state/redis.pid" --dir "$state" --save '' --appendonly no --logfile "$state/redis.log"
    fi
    if ! pid_alive "$state/s3.pid"; then
      mkdir -p "$state/s3"
      nohup node deploy/s3-emulator.mjs "$s3_port" "$state/s3" xfqs-photos >> "$state/s3.log" 2>&1 &
      echo $! > "$state/s3.pid"
    fi
    # the instances start together: migrations run once under the advisory lock
    for n in 1 2; do pid_alive "$state/api-$n.pid" || start_api "$n"; done
    for n in 1 2; do wait_http "http://127.0.0.1:$(api_port "$n")/readyz" 180 "$state/api-$n.pid"; done
    write_nginx_conf
    mkdir -p "$state/nginx-body"
    if pid_alive "$state/nginx.pid"; then nginx_reload; else nginx -c "$state/nginx.conf"; fi
    wait_http "http://127.0.0.1:$nginx_port/readyz" 10
    echo "up: http://127.0.0.1:$nginx_port/ (API $api_port_1, $api_port_2; PostgreSQL $pg_port, replica $replica_port; Redis $redis_port; S3 $s3_port)"
    ;;
  down)
    pid_alive "$state/nginx.pid" && nginx -c "$state/nginx.conf" -s quit || true
    for n in 1 2; do stop_api "$n"; done
    pid_alive "$state/s3.pid" && kill "$(cat "$state/s3.pid")" || true
    pid_alive "$state/redis.pid" && kill "$(cat "$state/redis.pid")" || true
    scripts/pg-replica.sh stop "$pg_port" "$replica_port"
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "drop database if exists $db_name with (force)" 2>/dev/null || true
    rm -rf "$state"
    echo down
    ;;
  status)
    for f in nginx redis s3 api-1 api-2; do printf '%-6s %s\n' "$f" "$(pid_alive "$state/$f.pid" && echo "up ($(cat "$state/$f.pid"))" || echo down)"; done
    ;;
  drain|undrain)
    n=${2:?instance 1 or 2}
    mark=$([ "$1" = drain ] && echo down || echo "")
    if [ "$n" = 1 ]; then write_nginx_conf "$mark" ""; else write_nginx_conf "" "$mark"; fi
    nginx_reload
    ;;
  restart)
    n=${2:?instance 1 or 2}
    "$0" drain "$n"
    stop_api "$n"
    start_api "$n"
    wait_http "http://127.0.0.1:$(api_port "$n")/readyz" 180 "$state/api-$n.pid"
    "$0" undrain "$n"
    echo "restarted instance $n"
    ;;
  *) echo "usage: $0 up|down|status|drain <n>|undrain <n>|restart <n>" >&2; exit 2 ;;
esac
