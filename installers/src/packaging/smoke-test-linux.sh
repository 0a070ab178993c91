#!/usr/bin/env bash
# Installs the built packages on this machine, uses them as a person would, and removes them again:
#   the app: apt install the .deb, start the command of its installed desktop entry under Xvfb, wait for the
#            Confab window, take a screenshot, close it; check that the confab:// scheme is registered
#            (xdg-mime) and open an invite link the way a browser or chat program would (xdg-open), to a host
#            that is not there: the app must start with it and show the failure in its window, not crash;
#            remove the package, check that only user data and no scheme registration is left;
#   the server: install the .deb, start the installed launcher as the service user, connect with a WebSocket
#            client, stop it (SIGTERM), remove the package.
# Needs root (dpkg), Xvfb, xdotool, imagemagick, xdg-utils. Usage: smoke-test-linux.sh DIST_DIR
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
# Waits for the app's window (up to 30 s for a cold start on a busy CI machine) while process $1 lives; prints its id.
await_window() {
  local pid=$1 found=""
  for _ in $(seq 300); do
    found=$(DISPLAY=$display xdotool search --name '^Confab' 2>/dev/null | head -1 || true)
    [ -n "$found" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$home/app.log" >&2; fail "the app exited before showing a window"; }
    sleep 0.1
  done
  [ -n "$found" ] || { cat "$home/app.log" >&2; fail "no Confab window within 30 s"; }
  echo "$found"
}
# Photographs window $1 into $2 until it shows something. The window is mapped before its first frame is drawn:
# photograph the window (not the screen, whose black background would count as content) until it is no longer
# one colour.
photograph() {
  local spread=0
  for _ in $(seq 60); do
    DISPLAY=$display import -window "$1" "$2"
    spread=$(convert "$2" -format '%[fx:standard_deviation]' info:)
    awk -v s="$spread" 'BEGIN { exit !(s > 0.02) }' && break
    sleep 0.5
  done
  awk -v s="$spread" 'BEGIN { exit !(s > 0.02) }' || fail "the Confab window stayed blank"
  log "screenshot: $2"
}
# No window manager runs under Xvfb to deliver a close request, so the app is asked to quit as a session
# manager would at logout: SIGTERM to $1 (a pid, or -pgid for a whole process group), after which it must exit.
quit() {
  kill -TERM -- "$1"
  for _ in $(seq 100); do kill -0 -- "$1" 2>/dev/null || break; sleep 0.1; done
  kill -0 -- "$1" 2>/dev/null && { kill -9 -- "$1"; fail "the app did not exit on SIGTERM"; }
  return 0
}

window=$(await_window $app)
log "window $window: $(DISPLAY=$display xdotool getwindowname "$window")"
photograph "$window" "$shots/smoke-installed-app.png"
quit $app

# The confab:// scheme, end to end: registered by the postinst (update-desktop-database), found by xdg-mime,
# opened by xdg-open with the desktop entry's Exec line, the link arriving as the app's argument. The desktop
# environment variables are cleared so xdg-utils takes its generic, freedesktop.org route on any machine.
desktop_env=(env -u XDG_CURRENT_DESKTOP -u DESKTOP_SESSION -u KDE_FULL_SESSION -u GNOME_DESKTOP_SESSION_ID
    DISPLAY=$display HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share")
xdg() { "${desktop_env[@]}" "$@"; }
handler=$(xdg xdg-mime query default x-scheme-handler/confab)
[ "$handler" = "confab.desktop" ] || fail "x-scheme-handler/confab is handled by '$handler', not confab.desktop"
log "xdg-mime: confab:// links open $handler"
nobody=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
link="confab://127.0.0.1:$nobody/builds"   # nothing listens there: the port was free a moment ago
: >"$home/app.log"
# The app logs to its data directory (docs/CLIENT.md), its console gets warnings only.
applog="$home/.local/share/confab/logs/confab.log"
# In its own session, so its own process group: xdg-open runs the app in the foreground, and both are stopped
# together. Not through the xdg function: $! must be the process that becomes the group leader (env, setsid and
# xdg-open each exec the next; setsid does not fork, as a background job of this script is no group leader).
"${desktop_env[@]}" setsid xdg-open "$link" >"$home/app.log" 2>&1 &
opener=$!
window=$(await_window $opener)
# The app got the link (it tried that address) and is still there, window and all, after the attempt failed.
for _ in $(seq 300); do
  grep -qs "Connection to 127.0.0.1:$nobody ended" "$applog" && break
  kill -0 $opener 2>/dev/null || { cat "$home/app.log" >&2; fail "the app exited after opening $link"; }
  sleep 0.1
done
grep -qs "Connection to 127.0.0.1:$nobody ended" "$applog" \
    || { cat "$home/app.log" "$applog" >&2; fail "the app opened by xdg-open never tried the invite's address"; }
kill -0 $opener 2>/dev/null || { cat "$home/app.log" >&2; fail "the app exited after the failed join"; }
grep -qs "Uncaught" "$home/app.log" "$applog" && { cat "$home/app.log" "$applog" >&2; fail "an uncaught exception after the failed join"; }
DISPLAY=$display xdotool search --name '^Confab' >/dev/null 2>&1 || fail "the window went away after the failed join"
photograph "$window" "$shots/smoke-invite-to-nobody.png"
log "xdg-open $link started the app, which tried that host and shows the failure"
quit -$opener

log "removing confab"
apt-get remove -y -qq confab >/dev/null
[ ! -e /opt/confab ] || fail "/opt/confab is still there after removal"
[ -z "$(grep -l '^Name=Confab$' /usr/share/applications/*.desktop 2>/dev/null)" ] || fail "desktop entry left behind"
[ "$(dpkg-query -W -f='${Status}' confab 2>/dev/null)" != "install ok installed" ] || fail "confab still installed"
[ -z "$(xdg xdg-mime query default x-scheme-handler/confab)" ] || fail "confab:// still registered after removal"
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
# A failure from here on must not leave the server running (and announcing itself on the LAN) after the script.
trap 'pkill -TERM -u confab -f /opt/confab-server/bin/ 2>/dev/null || true; kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 300); do
  grep -q "Confab server listening on ws://" "$home/server.log" && break
  kill -0 $server 2>/dev/null || { cat "$home/server.log"; fail "the server exited"; }
  sleep 0.1
done
grep -q "Confab server listening on ws://" "$home/server.log" || { cat "$home/server.log"; fail "server not ready"; }
server_version=$(dpkg-deb -f "$server_deb" Version)
"$JAVA_HOME/bin/java" "$here/WsCheck.java" "ws://127.0.0.1:$port/ws" "$server_version" \
    || fail "no hello reporting version $server_version from the installed server"
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
