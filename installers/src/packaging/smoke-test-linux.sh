#!/usr/bin/env bash
# Installs the built packages on this machine, uses them as a person would, and removes them again:
#   the app: apt install the .deb, start the command of its installed desktop entry under Xvfb, wait for the
#            Confab window, take a screenshot, close it, remove the package, check that only user data is left;
#   the server: install the .deb, start the installed launcher as the service user, connect with a WebSocket
#            client, stop it (SIGTERM), remove the package.
# Needs root (dpkg), Xvfb, xdotool, imagemagick. Usage: smoke-test-linux.sh DIST_DIR
set -euo pipefail
dist=$(cd "${1:?dist dir}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
shots=${SCREENSHOT_DIR:-$dist}
log() { printf '[smoke] %s\n' "$*"; }
fail() { printf '[smoke] FAILED: %s\n' "$*" >&2; exit 1; }

export DEBIAN_FRONTEND=noninteractive
app_deb=$(ls "$dist"/confab_*.deb)
server_deb=$(ls "$dist"/confab-server_*.deb)

# ------------------------------------------------------------------ the app
log "installing $(basename "$app_deb")"
apt-get install -y -qq "$app_deb" >/dev/null
desktop=$(grep -l '^Name=Confab$' /usr/share/applications/*.desktop | head -1)
[ -n "$desktop" ] || fail "no desktop entry for Confab in /usr/share/applications"
grep -q '^Categories=Network;Chat;InstantMessaging;' "$desktop" || fail "desktop entry lacks the chat categories"
grep -q '^MimeType=.*x-scheme-handler/confab;' "$desktop" || fail "desktop entry does not handle confab:// links"
grep -q '^Exec=.* %u' "$desktop" || fail "desktop entry does not pass the opened link (%u)"
command=$(sed -n 's/^Exec=//p' "$desktop" | sed 's/ %[uUfF]//')
log "desktop entry $desktop runs: $command"

home=$(mktemp -d)
display=:97
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 50); do DISPLAY=$display xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
DISPLAY=$display HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share $command \
    >"$home/app.log" 2>&1 &
app=$!
window=""
for _ in $(seq 300); do   # up to 30 s for a cold start on a busy CI machine
  window=$(DISPLAY=$display xdotool search --name '^Confab' 2>/dev/null | head -1 || true)
  [ -n "$window" ] && break
  kill -0 $app 2>/dev/null || { cat "$home/app.log"; fail "the app exited before showing a window"; }
  sleep 0.1
done
[ -n "$window" ] || { cat "$home/app.log"; fail "no Confab window within 30 s"; }
log "window $window: $(DISPLAY=$display xdotool getwindowname "$window")"
# The window is mapped before its first frame is drawn: photograph the window (not the screen, whose black
# background would count as content) until it is no longer one colour.
for _ in $(seq 60); do
  DISPLAY=$display import -window "$window" "$shots/smoke-installed-app.png"
  spread=$(convert "$shots/smoke-installed-app.png" -format '%[fx:standard_deviation]' info:)
  awk -v s="$spread" 'BEGIN { exit !(s > 0.02) }' && break
  sleep 0.5
done
awk -v s="$spread" 'BEGIN { exit !(s > 0.02) }' || fail "the Confab window stayed blank"
log "screenshot: $shots/smoke-installed-app.png"
# No window manager runs under Xvfb to deliver a close request, so the app is asked to quit as a session
# manager would at logout: SIGTERM, after which it must exit by itself.
kill -TERM $app
for _ in $(seq 100); do kill -0 $app 2>/dev/null || break; sleep 0.1; done
kill -0 $app 2>/dev/null && { kill -9 $app; fail "the app did not exit on SIGTERM"; }

log "removing confab"
apt-get remove -y -qq confab >/dev/null
[ ! -e /opt/confab ] || fail "/opt/confab is still there after removal"
[ -z "$(grep -l '^Name=Confab$' /usr/share/applications/*.desktop 2>/dev/null)" ] || fail "desktop entry left behind"
[ "$(dpkg-query -W -f='${Status}' confab 2>/dev/null)" != "install ok installed" ] || fail "confab still installed"
apt-get purge -y -qq confab >/dev/null
log "app package installed, launched, closed and removed; user data stays in $home"

# ------------------------------------------------------------------ the server
log "installing $(basename "$server_deb")"
apt-get install -y -qq "$server_deb" >/dev/null
getent passwd confab >/dev/null || fail "no confab system user"
[ "$(stat -c %a /var/lib/confab)" = 700 ] || fail "/var/lib/confab is not 0700"
[ -f /lib/systemd/system/confab-server.service ] || fail "no systemd unit"
[ -f /etc/confab/server.conf ] || fail "no /etc/confab/server.conf"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# No systemd in a CI container: start the installed launcher the way the unit does, on free ports (the admin
# port's default, 7481, may be in use on a shared machine).
runuser -u confab -- env CONFAB_DATA_DIR=/var/lib/confab CONFAB_PORT="$port" CONFAB_BIND=127.0.0.1 \
    CONFAB_ADMIN_PORT=0 /opt/confab-server/bin/confab-server >"$home/server.log" 2>&1 &
server=$!
for _ in $(seq 300); do
  grep -q "Confab server listening on ws://" "$home/server.log" && break
  kill -0 $server 2>/dev/null || { cat "$home/server.log"; fail "the server exited"; }
  sleep 0.1
done
grep -q "Confab server listening on ws://" "$home/server.log" || { cat "$home/server.log"; fail "server not ready"; }
"$JAVA_HOME/bin/java" "$here/WsCheck.java" "ws://127.0.0.1:$port/ws" || fail "no hello from the installed server"
kill -TERM $server
wait $server || true
[ -f /var/lib/confab/confab.db ] || fail "the server kept no database in /var/lib/confab"
log "removing confab-server"
apt-get remove -y -qq confab-server >/dev/null
[ ! -e /opt/confab-server ] || fail "/opt/confab-server is still there after removal"
[ ! -e /lib/systemd/system/confab-server.service ] || fail "systemd unit left behind"
[ -d /var/lib/confab ] || fail "removal (not purge) must keep the data"
apt-get purge -y -qq confab-server >/dev/null
[ ! -e /var/lib/confab ] || fail "purge must remove the data"
log "server package installed, served a WebSocket client, stopped and removed"
log "all smoke tests passed"
