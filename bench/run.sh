#!/usr/bin/env bash
# Confab benchmarks: builds what it needs, then runs the scenarios against Confab and its peers (Netty, Node ws).
#
#   bench/run.sh --quick          every scenario briefly (smoke check, a few minutes)
#   bench/run.sh                  the full suite
# Options (after or instead of --quick):
#   --pinned                      server on CPU 1, load generator on CPU 0 (default: shared, both on every core)
#   --targets confab,netty,node   which servers
#   --scenarios S1,S2,...         which scenarios
#   --note TEXT                   added to every result line (e.g. "under load")
#   --step SECONDS, --warmup SECONDS   length of each measured step and of the discarded warm-up
#   --no-build                    use the jars already built
# bench/cluster.sh runs S1 and S3 against one node on SQLite and one and two nodes over PostgreSQL and Redis.
# Results go to bench/results/<UTC time>/ (results.tsv, comparison.md, chart-*.png, server and GC logs) and
# bench/results/latest points there. Only loopback is used; every phase is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=""; mode="shared"; build=1; pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick="--quick" ;;
    --pinned) mode="pinned" ;;
    --no-build) build=0 ;;
    --targets|--scenarios|--note|--step|--warmup) pass+=("$1" "$2"); shift ;;
    # The shared PostgreSQL and Redis of the cluster targets; bench/cluster.sh passes them.
    --store-url|--store-user|--bus|--prepare|--shared-pids) pass+=("$1" "$2"); shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

# A JDK >= 21: JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p'; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME" 2>/dev/null || echo 0)" -lt 21 ]; then
  best=""; best_major=0
  for jdk in /usr/lib/jvm/*/; do
    [ -x "$jdk/bin/javac" ] || continue
    major=$(java_major "${jdk%/}" 2>/dev/null || echo 0)
    if [ "${major:-0}" -gt "$best_major" ]; then best=${jdk%/}; best_major=$major; fi
  done
  [ "$best_major" -ge 21 ] || { echo "No JDK 21 or newer found: set JAVA_HOME to one." >&2; exit 1; }
  export JAVA_HOME=$best
fi
export PATH="$JAVA_HOME/bin:$PATH"

# Thousands of sockets per process: raise the soft fd limit to the hard one (20000 on this machine kind).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "fd limit $(ulimit -n), somaxconn $(cat /proc/sys/net/core/somaxconn 2>/dev/null || echo '?'), $(nproc) cores"

if [ "$build" = 1 ]; then
  echo "building the server and bench jars"
  ./mvnw -q -o -B -Dmaven.test.skip=true -pl embedded-server,bench -am package
  if [ ! -f embedded-server/target/confab-server.jar ]; then
    # No runnable server jar (yet): run the server's classes with their runtime class path instead.
    ./mvnw -q -o -B -Dmaven.test.skip=true -pl embedded-server -am package dependency:build-classpath \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
  fi
  if [ ! -d bench/peers/node/node_modules ] || [ bench/peers/node/package-lock.json -nt bench/peers/node/node_modules ]; then
    (cd bench/peers/node && npm ci --no-audit --no-fund --silent)
  fi
fi

stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="bench/results/$stamp"
mkdir -p "$out"
ln -sfn "$stamp" bench/results/latest

gen=(java -Xms1g -Xmx1g -XX:+UseG1GC "-Xlog:gc:file=$out/gc-generator.log" -Djava.awt.headless=true
     -jar bench/target/confab-bench.jar)
tool=(java -Djava.awt.headless=true -jar bench/target/confab-bench.jar)
if [ "$mode" = pinned ]; then
  gen=(taskset -c 0 "${gen[@]}")
fi
confab_jar=embedded-server/target/confab-server.jar
targets_default="confab,netty,node"
if [ ! -f "$confab_jar" ] && [ ! -f embedded-server/target/classpath.txt ]; then
  echo "NOTE: $confab_jar is missing; running the peers only" >&2
  targets_default="netty,node"
fi
has_targets=0
for a in "${pass[@]+"${pass[@]}"}"; do [ "$a" = --targets ] && has_targets=1; done
[ "$has_targets" = 1 ] || pass+=(--targets "$targets_default")

{
  echo "date: $(date -u +%FT%TZ)"; echo "host: $(uname -srm)"; echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
  echo "cores: $(nproc)"; echo "memory: $(free -g | awk '/Mem:/ {print $2" GiB"}')"; echo "java: $(java -version 2>&1 | head -1)"
  echo "node: $(node --version)"; echo "mode: $mode"; echo "args: $quick ${pass[*]}"
  echo "disk: $("${tool[@]}" fsync-probe "$out")"
} > "$out/machine.txt"
cat "$out/machine.txt"

"${gen[@]}" run $quick --mode "$mode" --out "$out" "${pass[@]}" 2>&1 | tee "$out/run.log"

echo "disk after: $("${tool[@]}" fsync-probe "$out")" >> "$out/machine.txt"
for s in S1 S2 S3; do
  "${tool[@]}" chart "$out/results.tsv" "$s" "$out/chart-$s.png" "$s: deliveries/s against p99 ($mode)" || true
done
echo "results: $out"
