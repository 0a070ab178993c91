#!/usr/bin/env bash
# Builds Confab's installers with jpackage into installers/target/dist, for the OS it runs on:
#   Linux:   the app as an app image, a .deb and an .rpm; the standalone server as an app image and a .deb
#   Windows: the app as an .msi (needs WiX on PATH; built by .github/workflows/installers.yml)
#   macOS:   the app as a .dmg (built by .github/workflows/installers.yml)
# Each carries a jlink runtime trimmed to the modules the code uses, so no JDK is needed where it is installed,
# and an AOT cache made at build time by starting the app once, for a fast first window (measure-startup.sh).
# Called by `./mvnw -Pinstallers package` (installers/pom.xml) with: VERSION TARGET_DIR SERVER_JAR
set -euo pipefail

version=${1%-SNAPSHOT}            # installers want a plain N.N.N
target=$(cd "$2" && pwd)
server_jar=$3
here=$(cd "$(dirname "$0")" && pwd)
jdk=${JAVA_HOME:?JAVA_HOME must point at a JDK 21 or newer}/bin
work=$target/jpackage-work
dist=$target/dist
app_lib=$target/app-lib
case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=mac ;;
  MINGW*|MSYS*|CYGWIN*) os=windows ;;
  *) echo "unsupported OS $(uname -s)" >&2; exit 1 ;;
esac

log() { printf '[installers] %s\n' "$*"; }
rm -rf "$work" "$dist"
mkdir -p "$work" "$dist"

# The JDK modules a set of jars needs, as jdeps sees them, plus what is loaded reflectively.
modules_of() {
  local extra=$1; shift
  local found
  # The last line is the answer; JavaFX's own modules are left out: JavaFX runs from the class path.
  found=$("$jdk/jdeps" --ignore-missing-deps --print-module-deps --multi-release 21 "$@" 2>/dev/null \
            | tail -1 | tr ',' '\n' | grep -v '^javafx\.' | paste -sd, -)
  echo "${found:?jdeps found no modules},$extra"
}

runtime() {
  local out=$1 modules=$2 cds=${3:-}
  log "jlink runtime $(basename "$out"): $modules"
  # --generate-cds-archive: the runtime's own base CDS archives (29 MB), which a dynamic archive builds on; an AOT
  # cache holds the JDK's classes itself and needs none.
  "$jdk/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
      --compress zip-6 ${cds:+--generate-cds-archive} --output "$out"
}

# ---------------------------------------------------------------- desktop app
main_jar=$(cd "$app_lib" && ls client-app-*.jar)
# JavaFX's native libraries beside its jars, where JavaFX looks for them first (NativeLibLoader: the directory of the
# jar it was loaded from). Left inside the jars, the first start unpacks them into ~/.openjfx/cache, which the
# package's removal then leaves behind, and every start compares each copy with the jar's by MD5 before loading it.
# (On start-up time the difference was within run-to-run spread on a quiet machine: docs/BENCHMARKS.md, S9.)
for fx_jar in "$app_lib"/javafx-*.jar; do
  native_libs=$("$jdk/jar" tf "$fx_jar" | grep -E '^[^/]+\.(so|dll|dylib)$' || true)
  if [ -n "$native_libs" ]; then
    # shellcheck disable=SC2086 # one argument per library name (names without spaces)
    (cd "$app_lib" && "$jdk/jar" xf "$fx_jar" $native_libs)
  fi
done
ls "$app_lib"/*glass* >/dev/null 2>&1 || { echo "no JavaFX native library found in $app_lib/javafx-*.jar" >&2; exit 1; }
# Named because nothing links them statically: jdk.crypto.ec (TLS for wss://), java.management and
# java.naming (logback), jdk.unsupported (JavaFX and Jackson use sun.misc.Unsafe), jdk.localedata is not
# needed (the app ships English resource bundles).
app_modules=$(modules_of "jdk.crypto.ec,jdk.unsupported,java.naming,java.management" "$app_lib"/*.jar)
# Fast start: the JDK's AOT cache (JDK 25: classes loaded and linked, method profiles) made by a training run at
# build time; with an older JDK a dynamic class-data sharing archive, made the same way. Either way every later
# start maps the classes instead of loading, verifying and linking them.
jdk_feature=$("$jdk/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
if [ "${jdk_feature:-0}" -ge 25 ]; then
  cache_train='-XX:AOTCacheOutput=$APPDIR/confab.aot'
  cache_use='-XX:AOTCache=$APPDIR/confab.aot'
else
  cache_train='-XX:SharedArchiveFile=$APPDIR/confab.jsa'
  cache_use=$cache_train
fi
runtime "$work/app-runtime" "$app_modules" "$([ "$cache_train" = "$cache_use" ] && echo cds)"

icon=$here/confab.png
[ "$os" = windows ] && icon=$here/confab.ico
[ "$os" = mac ] && icon=$here/confab.icns

# macOS: an Info.plist with CFBundleURLTypes, so that confab:// invite links open the app.
mac_plist=()
[ "$os" = mac ] && mac_plist=(--resource-dir "$here/mac")
log "app image"
# -XX:+UseSerialGC: a desktop client with a small heap; the serial collector starts fastest and uses least memory.
# -XX:TieredStopAtLevel=1: C1 only. Without C2's compiler threads competing for the cores during start-up, the
# first frame came 190 ms sooner on 2 cores (median 936 -> 749 ms, CPU 1,490 -> 1,020 ms; docs/BENCHMARKS.md, S9).
# Its price is steady-state speed: a room the app hosts (same JVM) used 13 % more CPU per delivery at 245,000
# deliveries/s and 25 % more per stored message at 5,000/s in the server benchmark, loads far beyond a room on a
# desktop. The standalone server package keeps the default (both compilers).
# -Dconfab.version: the package's version (no -SNAPSHOT), which a room hosted by the app reports (its hello).
"$jdk/jpackage" --type app-image --dest "$work/image" ${mac_plist[@]+"${mac_plist[@]}"} \
    --name Confab --app-version "$version" --vendor "Confab" \
    --description "Chat with people on your network" \
    --input "$app_lib" --main-jar "$main_jar" --main-class dev.confab.client.Launcher \
    --runtime-image "$work/app-runtime" --icon "$icon" \
    --java-options '-XX:+UseSerialGC' \
    --java-options '-XX:TieredStopAtLevel=1' \
    --java-options "-Dconfab.version=$version" \
    --java-options '-XX:+AutoCreateSharedArchive' \
    --java-options "$cache_train" \
    --java-options '--enable-native-access=ALL-UNNAMED'
image=$(find "$work/image" -maxdepth 1 -mindepth 1 | head -1)
cfg=$image/lib/app/Confab.cfg
launcher=$image/bin/Confab
[ "$os" = windows ] && { cfg=$image/app/Confab.cfg; launcher=$image/Confab.exe; }
[ "$os" = mac ] && { cfg=$image/Contents/app/Confab.cfg; launcher=$image/Contents/MacOS/Confab; }
if [ "$cache_train" != "$cache_use" ]; then
  # The AOT cache needs no AutoCreateSharedArchive (a dynamic-archive option, for the JDK < 25 route only).
  sed -i.bak -e '/AutoCreateSharedArchive/d' "$cfg" && rm -f "$cfg.bak"
fi

# The training run: start the app once as a person would (start screen), with CONFAB_STARTUP_PROBE=train, which
# makes it report its launch-to-first-frame time, stay three seconds (so work deferred past the first frame is
# cached too) and exit; the JVM then writes the cache next to the jars.
probe_home=$work/probe-home
train() {
  CONFAB_STARTUP_PROBE=train HOME="$probe_home" XDG_CONFIG_HOME="$probe_home/config" \
      XDG_DATA_HOME="$probe_home/data" XDG_CACHE_HOME="$probe_home/cache" APPDATA="$probe_home/appdata" "$@"
}
if [ "$os" = linux ]; then
  if command -v xvfb-run >/dev/null 2>&1; then
    log "AOT cache / class-data sharing archive (training run under Xvfb)"
    train timeout 600 xvfb-run -a -s "-screen 0 1280x800x24" "$launcher" \
      || log "training run failed: packaging without an AOT cache"
  else
    log "no xvfb-run: packaging without an AOT cache"
  fi
else
  log "AOT cache / class-data sharing archive (training run)"
  train "$launcher" || log "training run failed: packaging without an AOT cache"
fi
# From now on the app uses the cache (a missing or stale cache is ignored with a warning, never fatal).
sed -i.bak "s|^java-options=$cache_train\$|java-options=$cache_use|" "$cfg" && rm -f "$cfg.bak"

if [ "$os" = linux ]; then
  # jpackage's native launcher asks rpm and dpkg which package owns it, twice, on every start (LinuxPackage.c:
  # `rpm -qf`, `dpkg -S`, `dpkg -L`): 0.3 s and more on a desktop with many packages, before the JVM starts.
  # A shell launcher with the same class path and options starts the JVM at once.
  main_class=$(sed -n 's/^app.mainclass=//p' "$cfg")
  class_path=$(sed -n 's/^app.classpath=//p' "$cfg" | paste -sd: - | sed 's|\$APPDIR|$app|g')
  {
    echo '#!/bin/sh'
    echo '# Starts Confab with its bundled runtime (written by installers/src/packaging/build.sh from Confab.cfg).'
    # One process (readlink) before the JVM, not three: a start is measured from the launcher's first line.
    echo 'self=$(readlink -f "$0")'
    echo 'root=${self%/*/*}'
    echo 'app=$root/lib/app'
    echo 'exec "$root/lib/runtime/bin/java" \'
    sed -n 's/^java-options=//p' "$cfg" | sed -e 's|\$APPDIR|$app|g' -e 's/.*/  "&" \\/'
    echo "  -cp \"$class_path\" \\"
    echo "  $main_class \"\$@\""
  } >"$launcher.sh"
  chmod 755 "$launcher.sh"
  mv "$launcher.sh" "$launcher"
fi

case "$os" in
  linux)
    cp -a "$image" "$dist/"   # -a: the AOT cache checks the jars' modification times
    # JavaFX loads GTK 3 from the system at run time; jpackage cannot see that, so it is named here. The .deb's
    # postinst registers the confab:// scheme with update-desktop-database (desktop-file-utils), so it needs that
    # too; jpackage's .rpm registers its entry with xdg-desktop-menu instead.
    declare -A gtk=([deb]="libgtk-3-0, desktop-file-utils" [rpm]=gtk3)
    for type in deb rpm; do
      log "$type of the app"
      "$jdk/jpackage" --type "$type" --dest "$dist" --app-image "$image" \
          --name confab --app-version "$version" --vendor "Confab" \
          --description "Chat with people on your network: host a room or join one" \
          --icon "$icon" --resource-dir "$here/linux/app" --linux-package-deps "${gtk[$type]}" \
          --linux-package-name confab --linux-app-category net \
          --linux-menu-group "Network;Chat;InstantMessaging;" --linux-shortcut \
          --linux-deb-maintainer "Confab <team@confab.dev>" --linux-rpm-license-type "MIT"
    done
    ;;
  windows)
    # The confab:// URL scheme: jpackage has no option for one, so its WiX template gets one more component
    # (windows/url-scheme.xml). The template is taken from this very JDK (jdk.jpackage's main.wxs), so the
    # override always matches the jpackage that reads it; given with --resource-dir, it replaces the default.
    log "main.wxs: the JDK's own, plus the confab:// URL scheme"
    rm -rf "$work/jimage" "$work/wix"
    mkdir -p "$work/wix"
    "$jdk/jimage" extract --dir "$work/jimage" --include 'regex:.*/jdk/jpackage/internal/resources/main\.wxs' \
        "$JAVA_HOME/lib/modules"
    template=$(find "$work/jimage" -name main.wxs | head -1)
    [ -n "$template" ] || { echo "this JDK's jpackage has no main.wxs to extend" >&2; exit 1; }
    awk -v part="$here/windows/url-scheme.xml" '
      /<ComponentGroupRef Id="FileAssociations"\/>/ {
        print; print "      <ComponentRef Id=\"ConfabUrlScheme\"/>"; refs++; next
      }
      /<\/Product>/ { while ((getline line < part) > 0) print line; products++ }
      { print }
      END {
        if (refs != 1 || products != 1) { print "main.wxs changed shape: no URL scheme added" > "/dev/stderr"; exit 3 }
      }
    ' "$template" >"$work/wix/main.wxs"
    log "msi of the app"
    "$jdk/jpackage" --type msi --dest "$dist" --app-image "$image" --resource-dir "$work/wix" \
        --name Confab --app-version "$version" --vendor "Confab" \
        --description "Chat with people on your network" \
        --win-menu --win-menu-group Confab --win-shortcut --win-per-user-install \
        --win-upgrade-uuid 4f0f7a8e-6b5c-4c0e-9d3a-2b8c1e7d5a10
    ;;
  mac)
    # The app image was made with mac/Info.plist (--resource-dir above): check that jpackage really took it.
    grep -q '<string>confab</string>' "$image/Contents/Info.plist" \
        || { echo "the app image's Info.plist does not register confab:// (mac/Info.plist not used)" >&2; exit 1; }
    log "dmg of the app"
    "$jdk/jpackage" --type dmg --dest "$dist" --app-image "$image" \
        --name Confab --app-version "$version" --vendor "Confab" \
        --mac-package-identifier dev.confab.app --mac-package-name Confab
    ;;
esac

# ---------------------------------------------------------------- standalone server (Linux)
if [ "$os" = linux ]; then
  server_modules=$(modules_of "jdk.crypto.ec,jdk.unsupported,java.naming,java.management" "$server_jar")
  runtime "$work/server-runtime" "$server_modules" cds
  mkdir -p "$work/server-input" "$work/server-content/conf"
  cp "$server_jar" "$work/server-input/confab-server.jar"
  cp "$here/linux/server/confab-server.service" "$here/linux/server/server.conf" "$here/../../../docs/SERVER.md" \
      "$work/server-content/conf/"

  log "server app image"
  # -Dconfab.version: the server reports the package's version (no -SNAPSHOT) in its hello and --version.
  "$jdk/jpackage" --type app-image --dest "$work/server-image" \
      --name confab-server --app-version "$version" --vendor "Confab" \
      --description "Confab chat server" \
      --input "$work/server-input" --main-jar confab-server.jar \
      --runtime-image "$work/server-runtime" \
      --app-content "$work/server-content/conf" \
      --java-options "-Dconfab.version=$version" \
      --java-options '--enable-native-access=ALL-UNNAMED'
  cp -a "$work/server-image/confab-server" "$dist/"

  log "deb of the server"
  "$jdk/jpackage" --type deb --dest "$dist" --app-image "$work/server-image/confab-server" \
      --name confab-server --app-version "$version" --vendor "Confab" \
      --description "Confab chat server (systemd service)" \
      --resource-dir "$here/linux/server" \
      --linux-package-name confab-server --linux-app-category net \
      --linux-deb-maintainer "Confab <team@confab.dev>"
fi

log "built:"
ls -la "$dist"
