#!/usr/bin/env bash
# S9: launch to first frame of the packaged desktop app, measured the way a person meets it: the app image's own
# launcher, its bundled runtime and its AOT cache / class-data sharing archive, on a virtual X display.
#
#   installers/src/packaging/measure-startup.sh [--runs N] [--floor] APP_IMAGE [APP_IMAGE...]
#
# APP_IMAGE is an app image directory (installers/target/dist/Confab after `./mvnw -Pinstallers package`).
# Each run starts the app with CONFAB_STARTUP_PROBE=1 and empty settings (a fresh config and data directory, so it
# opens the start screen); the app prints `confab-startup first-frame-ms=N ...` once the renderer has drawn and
# presented its first frame, counted from the start of the process (the kernel's start time), and exits. The
# script checks that figure against its own clock: `outside-ms` is from just before it starts the command to the
# frame's wall-clock time.
# Before the runs, one warm-up run per target, reported apart: it fills what a real second launch finds warm (the
# OS page cache, the graphics driver's shader cache). With several targets the runs alternate (A B A B ...), so a
# before/after comparison on a busy machine sees the same load on both sides.
#
# --floor adds two targets: `floor`, a minimal JavaFX stage (one label, the app's window size, JavaFX's default
# theme) run by the first image's bundled runtime with the app's JVM options and its own AOT cache (or CDS archive,
# whichever the app image uses) made by a training run; and `floor-themed`, the same stage in the app's theme
# (AtlantaFX Primer Light, its stylesheet loaded ahead as the app loads it) with its own AOT cache. They are the
# floors under the app's figure: what any JavaFX window costs on this machine, and what one in the app's theme
# costs. It needs a JDK (JAVA_HOME) to compile the floor's one class.
#
# Prints every run, then min / median / max per target, of first-frame-ms and of cpu-ms (the CPU time the process
# had used by its first frame: on a busy machine far steadier than wall-clock time, so it compares builds fairly).
# Needs Xvfb (Debian: xvfb) unless DISPLAY is set.
set -euo pipefail

runs=7
floor=false
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --floor) floor=true; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: measure-startup.sh [--runs N] [--floor] APP_IMAGE [APP_IMAGE...]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
images=()
for arg in "$@"; do
  image=$(cd "$arg" && pwd)
  [ -x "$image/bin/Confab" ] || { echo "no launcher at $image/bin/Confab" >&2; exit 1; }
  images+=("$image")
done

scratch=$(mktemp -d)
xvfb=""
cleanup() {
  if [ -n "$xvfb" ]; then kill "$xvfb" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

if [ -z "${DISPLAY:-}" ]; then
  display=""
  for n in $(seq 90 140); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=:$n; break; fi
  done
  [ -n "$display" ] || { echo "no free X display number" >&2; exit 1; }
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$scratch/xvfb.log" 2>&1 &
  xvfb=$!
  for _ in $(seq 1 100); do DISPLAY=$display xdpyinfo >/dev/null 2>&1 && break; sleep 0.05; done
  export DISPLAY=$display
fi

# Targets: a name and the command line of one run (NUL-separated in a file, since paths may hold spaces).
names=()
for i in "${!images[@]}"; do
  names+=("app$((i + 1))")
  printf '%s\0' "${images[$i]}/bin/Confab" >"$scratch/app$((i + 1)).cmd"
done

if $floor; then
  image=${images[0]}
  jdk=${JAVA_HOME:?--floor needs JAVA_HOME (a JDK) to compile the floor class}/bin
  fx_cp=$(find "$image/lib/app" -maxdepth 1 -name 'javafx-*.jar' | sort | paste -sd: -)
  mkdir -p "$scratch/floor-classes" "$scratch/floor-home"
  "$jdk/javac" -nowarn -d "$scratch/floor-classes" -cp "$fx_cp" "$here/startup-floor/StartupFloor.java"
  "$jdk/jar" --create --file "$scratch/floor.jar" -C "$scratch/floor-classes" .
  # The app's JVM options from its launcher configuration, without its archive options: the floor has its own.
  mapfile -t options < <(sed -n 's/^java-options=//p' "$image/lib/app/Confab.cfg" \
      | grep -v -e '^-XX:AOTCache' -e '^-XX:SharedArchiveFile' -e 'AutoCreateSharedArchive' -e '^-XX:AOTMode')
  atlantafx=$(find "$image/lib/app" -maxdepth 1 -name 'atlantafx-*.jar' | head -1)
  [ -n "$atlantafx" ] || { echo "no AtlantaFX jar in $image/lib/app (for floor-themed)" >&2; exit 1; }
  # add_floor NAME CLASS_PATH [ARG]: trains the floor's own archive, then records its command line.
  add_floor() {
    local name=$1 class_path=$2
    shift 2
    local -a java train use
    if grep -q '^java-options=-XX:AOTCache' "$image/lib/app/Confab.cfg"; then
      train=("-XX:AOTCacheOutput=$scratch/$name.aot")
      use=("-XX:AOTCache=$scratch/$name.aot")
    else
      train=("-XX:SharedArchiveFile=$scratch/$name.jsa" -XX:+AutoCreateSharedArchive)
      use=("${train[@]}")
    fi
    java=("$image/lib/runtime/bin/java" "${options[@]}" -cp "$class_path")
    if ! CONFAB_STARTUP_PROBE=1 HOME="$scratch/floor-home" timeout 120 "${java[@]}" "${train[@]}" StartupFloor "$@" \
         >"$scratch/$name-train.log" 2>&1; then
      echo "the training run of $name failed:" >&2
      tail -20 "$scratch/$name-train.log" >&2
      exit 1
    fi
    names+=("$name")
    printf '%s\0' "${java[@]}" "${use[@]}" StartupFloor "$@" >"$scratch/$name.cmd"
  }
  add_floor floor "$scratch/floor.jar:$fx_cp"
  add_floor floor-themed "$scratch/floor.jar:$fx_cp:$atlantafx" themed
fi

# One run of a target: prints "FIRST_FRAME_MS OUTSIDE_MS PHASES".
run_once() {
  local name=$1 dir=$2 line start frame first phases
  local -a command
  mapfile -d '' -t command <"$scratch/$name.cmd"
  mkdir -p "$scratch/home-$name" "$dir/config" "$dir/data"
  start=$(date +%s%3N)
  line=$(CONFAB_STARTUP_PROBE=1 HOME="$scratch/home-$name" XDG_CACHE_HOME="$scratch/home-$name/.cache" \
           XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data" \
           timeout 120 "${command[@]}" 2>"$dir/stderr" | grep -m1 '^confab-startup ' || true)
  if [ -z "$line" ]; then
    echo "$name: no startup line; the run's stderr:" >&2
    tail -20 "$dir/stderr" >&2
    return 1
  fi
  frame=${line##*epoch-ms=}
  first=$(sed 's/.*first-frame-ms=\([0-9-]*\).*/\1/' <<<"$line")
  phases=$(sed -e 's/.*first-frame-ms=[0-9-]* *//' -e 's/ *epoch-ms=.*//' <<<"$line")
  echo "$first $((frame - start)) $phases"
}

echo "S9 launch to first frame ($runs runs per target, alternating)"
for name in "${names[@]}"; do
  case "$name" in
    floor) echo "  floor: a one-label JavaFX stage in ${images[0]}'s runtime" ;;
    floor-themed) echo "  floor-themed: the same stage in the app's theme (AtlantaFX Primer Light)" ;;
    *) echo "  $name: ${images[$((${name#app} - 1))]}" ;;
  esac
done
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%H:%M:%SZ)"
for name in "${names[@]}"; do
  result=$(run_once "$name" "$scratch/$name-0")
  read -r first outside phases <<<"$result"
  echo "$name warm-up: first-frame-ms=$first outside-ms=$outside ($phases)"
done
for i in $(seq 1 "$runs"); do
  for name in "${names[@]}"; do
    result=$(run_once "$name" "$scratch/$name-$i")
    read -r first outside phases <<<"$result"
    echo "$first" >>"$scratch/$name.firsts"
    sed -n 's/.*cpu-ms=\([0-9]*\).*/\1/p' <<<"$phases" >>"$scratch/$name.cpus"
    echo "$name run $i: first-frame-ms=$first outside-ms=$outside ($phases)"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%H:%M:%SZ)"
summary() {
  sort -n "$1" | awk -v what="$2" '{a[NR] = $1}
    END {median = (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)
         printf "%s over %d runs: min %d median %d max %d\n", what, NR, a[1], median, a[NR]}'
}
for name in "${names[@]}"; do
  summary "$scratch/$name.firsts" "$name first-frame-ms"
  [ ! -s "$scratch/$name.cpus" ] || summary "$scratch/$name.cpus" "$name cpu-ms (CPU time used by the first frame)"
done
