#!/usr/bin/env bash
# S9, the desktop client: time from process start to its first visible window, on a virtual X display.
#
#   bench/s9-client.sh CHECKOUT [RUNS]
# CHECKOUT is a source tree that contains the desktop app (client-app with dev.confab.client.Launcher), built with
# `./mvnw -q -o -Dmaven.test.skip=true -pl client-app -am package` (which also writes client-app/target/classpath.txt).
# Each run starts the app with empty settings (XDG_CONFIG_HOME and XDG_DATA_HOME in a fresh temporary directory),
# so it opens the start screen, and waits (at most 60 s) for a visible window named Confab.
# Prints one line per run and the median. Needs Xvfb and xdotool (Debian: xvfb, xdotool).
set -euo pipefail
checkout=${1:?usage: bench/s9-client.sh CHECKOUT [RUNS]}
runs=${2:-5}
# A JDK >= 21: JAVA_HOME if it is one, else the newest under /usr/lib/jvm (the app is built for 21).
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p'; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME" 2>/dev/null || echo 0)" -lt 21 ]; then
  for jdk in /usr/lib/jvm/*/; do
    major=$(java_major "${jdk%/}" 2>/dev/null || echo 0)
    if [ "${major:-0}" -ge 21 ]; then JAVA_HOME=${jdk%/}; fi
  done
fi
java="$JAVA_HOME/bin/java"
jar="$checkout/client-app/target/client-app-0.1.0-SNAPSHOT.jar"
cp="$jar:$(cat "$checkout/client-app/target/classpath.txt")"

display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do DISPLAY=$display xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

times=()
for i in $(seq 1 "$runs"); do
  home=$(mktemp -d)
  start=$(date +%s%N)
  XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" DISPLAY=$display \
    "$java" -cp "$cp" dev.confab.client.Launcher >"$home/app.log" 2>&1 &
  app=$!
  if DISPLAY=$display timeout 60 xdotool search --sync --onlyvisible --name Confab >/dev/null 2>&1; then
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    times+=("$ms")
    echo "S9 client run $i: first window after ${ms} ms"
  else
    echo "S9 client run $i: no window within 60 s; its output:"
    tail -5 "$home/app.log"
  fi
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  rm -rf "$home"
done
if [ "${#times[@]}" -gt 0 ]; then
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "S9 client: launch to first window, median ${median} ms over ${#times[@]} runs (${times[*]})"
fi
