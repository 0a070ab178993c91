#!/usr/bin/env bash
# Builds Confab's Linux packages with jpackage into installers/target/dist:
#   the desktop app as an app image, a .deb and an .rpm; the standalone server as an app image and a .deb.
# Each carries a jlink runtime trimmed to the modules the code uses, so no JDK is needed where it is installed.
# Called by `./mvnw -Pinstallers package` (installers/pom.xml) with: VERSION TARGET_DIR SERVER_JAR
set -euo pipefail

version=${1%-SNAPSHOT}            # jpackage and Debian want a plain N.N.N
target=$(cd "$2" && pwd)
server_jar=$3
here=$(cd "$(dirname "$0")" && pwd)
jdk=${JAVA_HOME:?JAVA_HOME must point at a JDK 21 or newer}/bin
work=$target/jpackage-work
dist=$target/dist
app_lib=$target/app-lib

log() { printf '[installers] %s\n' "$*"; }
rm -rf "$work" "$dist"
mkdir -p "$work" "$dist"

# The JDK modules a set of jars needs, as jdeps sees them, plus what is loaded reflectively.
modules_of() {
  local extra=$1; shift
  local found
  found=$("$jdk/jdeps" --ignore-missing-deps --print-module-deps --multi-release 21 \
            --class-path "$(IFS=:; echo "$*")" "$@" 2>/dev/null | tr ',' '\n' | grep -v '^javafx\.' | paste -sd, -)
  echo "$found,$extra"
}

runtime() {
  local out=$1 modules=$2
  log "jlink runtime $out: $modules"
  "$jdk/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
      --compress zip-6 --output "$out"
}

# ---------------------------------------------------------------- desktop app
app_jars=("$app_lib"/*.jar)
main_jar=$(cd "$app_lib" && ls client-app-*.jar)
# jdk.crypto.ec: TLS key exchange for wss://; jdk.localedata is not needed (English only, resource bundles).
app_modules=$(modules_of "jdk.crypto.ec,jdk.unsupported,java.naming,java.management" "${app_jars[@]}")
runtime "$work/app-runtime" "$app_modules"

log "app image"
"$jdk/jpackage" --type app-image --dest "$work/image" \
    --name Confab --app-version "$version" --vendor "Confab" \
    --description "Chat with people on your network" \
    --input "$app_lib" --main-jar "$main_jar" --main-class dev.confab.client.Launcher \
    --runtime-image "$work/app-runtime" --icon "$here/confab.png" \
    --java-options '-XX:+AutoCreateSharedArchive' \
    --java-options '-XX:SharedArchiveFile=$APPDIR/confab.jsa' \
    --java-options '-Xshare:auto' \
    --java-options '-XX:TieredStopAtLevel=1' \
    --java-options '-Dprism.vsync=false'

# Class-data sharing: start the app once at build time, so the archive ships with it and every later start
# maps the classes instead of loading them. The app exits by itself after its first frame.
log "class-data sharing archive (training run)"
if command -v xvfb-run >/dev/null 2>&1; then
  CONFAB_STARTUP_PROBE=1 HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_DATA_HOME="$work/home/data" \
      timeout 120 xvfb-run -a "$work/image/Confab/bin/Confab" || log "training run failed; packaging without CDS"
else
  log "no xvfb-run: packaging without a CDS archive"
fi
ls -la "$work/image/Confab/lib/app/"confab.jsa 2>/dev/null || true
cp -r "$work/image/Confab" "$dist/Confab"

for type in deb rpm; do
  log "$type of the app"
  "$jdk/jpackage" --type "$type" --dest "$dist" --app-image "$work/image/Confab" \
      --name confab --app-version "$version" --vendor "Confab" \
      --description "Chat with people on your network: host a room or join one" \
      --icon "$here/confab.png" --resource-dir "$here/linux/app" \
      --linux-package-name confab --linux-app-category net \
      --linux-menu-group "Network;Chat;InstantMessaging;" --linux-shortcut \
      --linux-deb-maintainer "Confab <team@confab.dev>" --linux-rpm-license-type "MIT"
done

# ---------------------------------------------------------------- standalone server
server_modules=$(modules_of "jdk.crypto.ec,jdk.unsupported,java.naming,java.management,jdk.zipfs" "$server_jar")
runtime "$work/server-runtime" "$server_modules"
mkdir -p "$work/server-input"
cp "$server_jar" "$work/server-input/confab-server.jar"
mkdir -p "$work/server-content/conf"
cp "$here/linux/server/confab-server.service" "$here/linux/server/server.conf" "$work/server-content/conf/"

log "server app image"
"$jdk/jpackage" --type app-image --dest "$work/server-image" \
    --name confab-server --app-version "$version" --vendor "Confab" \
    --description "Confab chat server" \
    --input "$work/server-input" --main-jar confab-server.jar \
    --runtime-image "$work/server-runtime" --icon "$here/confab.png" \
    --app-content "$work/server-content/conf" \
    --java-options '-XX:+UseSerialGC' --java-options '-Xss512k'
cp -r "$work/server-image/confab-server" "$dist/confab-server"

log "deb of the server"
"$jdk/jpackage" --type deb --dest "$dist" --app-image "$work/server-image/confab-server" \
    --name confab-server --app-version "$version" --vendor "Confab" \
    --description "Confab chat server (systemd service)" \
    --resource-dir "$here/linux/server" \
    --linux-package-name confab-server --linux-app-category net \
    --linux-deb-maintainer "Confab <team@confab.dev>"

log "done:"
ls -la "$dist"
