#!/usr/bin/env bash
# A real streaming replica of the throwaway test cluster (scripts/pg-throwaway.sh): pg_basebackup -R
# from the primary, standby on another port, hot standby for reads. Prints the replica's URL.
# Usage: scripts/pg-replica.sh start|stop [primary-port] [replica-port]
# REPLICA_SYNC=1 (the default here, for tests) makes the primary wait until the replica has applied
# each commit (synchronous_commit = remote_apply), so a test may read through the replica what it
# just wrote through the primary. Production runs it asynchronously: only lag-tolerant reads go there.
set -euo pipefail
cmd=${1:-start}
primary_port=${2:-${PGTEST_PORT:-54329}}
replica_port=${3:-${PGREPLICA_PORT:-$((primary_port + 1))}}
primary_dir=${PGTEST_DIR:-/tmp/xfqs-pg-$primary_port}
dir=${PGREPLICA_DIR:-/tmp/xfqs-pg-replica-$replica_port}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ]; then
  echo "PostgreSQL server binaries not found: apt-get install -y postgresql postgresql-contrib" >&2
  exit 1
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_primary() { as_pg "$bindir/psql" -h 127.0.0.1 -p "$primary_port" -U postgres -d postgres -qAt "$@"; }

case "$cmd" in
  start)
    # A folder left from an earlier primary on this port can never stream from this one (and with
    # synchronous commit the primary would wait for it forever): make it again.
    if [ -f "$dir/PG_VERSION" ]; then
      ours=$(as_pg "$bindir/pg_controldata" "$dir" | sed -n 's/^Database system identifier: *//p')
      theirs=$(psql_primary -c 'select system_identifier from pg_control_system()')
      if [ "$ours" != "$theirs" ]; then
        as_pg "$bindir/pg_ctl" -D "$dir" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$dir"
      fi
    fi
    if [ ! -f "$dir/PG_VERSION" ]; then
      psql_primary -c 'select 1' >/dev/null || { echo "no primary on port $primary_port (scripts/pg-throwaway.sh start first)" >&2; exit 1; }
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
      chmod 700 "$dir"
      # -R writes standby.signal and primary_conninfo; -X stream copies the WAL made meanwhile.
      as_pg "$bindir/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$dir" -R -X stream -c fast --no-sync 2> >(grep -v "skipping special file" >&2)
      cat >> "$dir/postgresql.conf" <<CONF
# standby of 127.0.0.1:$primary_port
port = $replica_port
unix_socket_directories = '$dir'
hot_standby = on
hot_standby_feedback = on
CONF
    fi
    if ! as_pg "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_pg "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w start >/dev/null
    fi
    if [ "${REPLICA_SYNC:-1}" = 1 ]; then
      psql_primary -c "alter system set synchronous_standby_names = '*'" -c "alter system set synchronous_commit = 'remote_apply'" -c 'select pg_reload_conf()' >/dev/null
    fi
    # wait until the standby streams from the primary; a standby that never does is an error, and
    # the primary must then not wait for it
    streaming=0
    for _ in $(seq 1 150); do
      [ "$(psql_primary -c "select count(*) from pg_stat_replication where state = 'streaming'")" -ge 1 ] && { streaming=1; break; }
      sleep 0.2
    done
    if [ "$streaming" != 1 ]; then
      psql_primary -c "alter system reset synchronous_standby_names" -c "alter system reset synchronous_commit" -c 'select pg_reload_conf()' >/dev/null 2>&1 || true
      echo "the replica on $replica_port does not stream from the primary on $primary_port (see $dir/server.log)" >&2
      exit 1
    fi
    [ "$(as_pg "$bindir/psql" -h 127.0.0.1 -p "$replica_port" -U postgres -d postgres -qAt -c 'select pg_is_in_recovery()')" = t ] || { echo "replica on $replica_port is not in recovery" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$replica_port/postgres"
    ;;
  stop)
    # the primary must not wait for a standby that is gone
    psql_primary -c "alter system reset synchronous_standby_names" -c "alter system reset synchronous_commit" -c 'select pg_reload_conf()' >/dev/null 2>&1 || true
    as_pg "$bindir/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop [primary-port] [replica-port]" >&2; exit 2 ;;
esac
