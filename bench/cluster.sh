#!/usr/bin/env bash
# The scale-out row of the benchmarks: S1 and S3 against
#   confab      one node, embedded SQLite, in-process fan-out (the default deployment)
#   cluster-1   one node over a shared PostgreSQL and Redis (what the shared path costs)
#   cluster-2   two nodes sharing one PostgreSQL and one Redis, the generator spreading its clients over both
# in the same run, on the same machine.
#
#   bench/cluster.sh --quick          S1 at 100 and 250 msg/s, S3 x1 and x10, 3 s steps (about 4 minutes)
#   bench/cluster.sh                  the full S1 and S3 steps
# Any bench/run.sh option may follow (--no-build, --note TEXT, --step S, --warmup S, --targets, --scenarios).
#
# Starts redis-server and a throwaway PostgreSQL cluster (initdb + pg_ctl in a temporary directory, as the
# postgres user when run as root; fsync and synchronous_commit left ON, as SQLite's path fsyncs every commit) on
# free loopback ports, runs bench/run.sh with them, and removes both on exit, whatever happened. Each scenario
# starts on a fresh database and an empty Redis. Every run checks delivered == expected: one lost or duplicated
# message fails it. Results: bench/results/<UTC time>/ (results.tsv, comparison.md, lines in run.log; the notes
# of the cluster rows split the CPU between the nodes, PostgreSQL and Redis).
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1 || { echo "bench/cluster.sh needs $1 ($2)" >&2; exit 1; }; }
pg_bin=""
for dir in "$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || echo /nonexistent)")")" \
           /usr/lib/postgresql/*/bin; do
  if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then pg_bin=$dir; break; fi
done
[ -n "$pg_bin" ] || { echo "bench/cluster.sh needs PostgreSQL's initdb and pg_ctl (apt install postgresql)" >&2; exit 1; }
need redis-server "apt install redis-server"
need redis-cli "apt install redis-tools"
need createdb "apt install postgresql-client"
need python3 "to find free ports"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

tmp=$(mktemp -d /tmp/confab-cluster-bench.XXXXXX)
chmod 755 "$tmp"
as_pg=()
if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); fi
redis_pid=""; pg_started=0
cleanup() {
  set +e
  if [ "$pg_started" = 1 ]; then "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$tmp/pg" -m fast -w stop >/dev/null 2>&1; fi
  if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
  --protected-mode no > "$tmp/redis.log" 2>&1 &
redis_pid=$!

pg_port=$(free_port)
mkdir -p "$tmp/pg"
touch "$tmp/postgres.log"
if [ "$(id -u)" = 0 ]; then chown postgres "$tmp/pg" "$tmp/postgres.log"; fi
"${as_pg[@]}" "$pg_bin/initdb" -D "$tmp/pg" -U confab -A trust -E UTF8 --no-sync --locale=C.UTF-8 \
  > "$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$tmp/pg" -l "$tmp/postgres.log" -w -t 60 \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $tmp/pg -c max_connections=200" start >/dev/null
pg_started=1
pg_pid=$(head -1 "$tmp/pg/postmaster.pid")

for _ in $(seq 1 100); do
  [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = PONG ] && break
  sleep 0.1
done
[ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = PONG ] || { cat "$tmp/redis.log" >&2; exit 1; }
echo "redis-server $(redis-server --version | awk '{print $3}') on port $redis_port (pid $redis_pid)," \
  "PostgreSQL $("$pg_bin/pg_ctl" --version | awk '{print $3}') on port $pg_port (pid $pg_pid)"

bench/run.sh --targets confab,cluster-1,cluster-2 --scenarios S1,S3 \
  --store-url "jdbc:postgresql://127.0.0.1:$pg_port/DBNAME" --store-user confab \
  --bus "redis://127.0.0.1:$redis_port" \
  --prepare "createdb -h 127.0.0.1 -p $pg_port -U confab DBNAME && redis-cli -p $redis_port flushall >/dev/null" \
  --shared-pids "redis=$redis_pid,postgres=$pg_pid" "$@"
