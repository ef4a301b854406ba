#!/usr/bin/env bash
# with-test-desktop.sh COMMAND...
#
# Runs COMMAND inside a headless desktop made of real parts: an unlocked GNOME Keyring (Secret
# Service), an Xvfb display, the trayer tray host (XEmbed) and the dunst notification daemon; with
# TEST_DESKTOP_SNI_HOST=1 also a StatusNotifierItem host (status-notifier-watcher and
# gtk-sni-tray-standalone), as on the desktops whose panels host the app's native tray (the bench
# and the AOT cache's training; the tests that need one start their own). Every part is stopped
# when COMMAND ends, and the exit code is COMMAND's.
#
# Run it through `dbus-run-session --`, with HOME (and the XDG folders) pointing at a throwaway
# folder: the keyring lives in $HOME and on the session bus, so neither outlives the run nor
# touches the user's own. Expects:
#   JAVA_HOME                          a JDK 25, for the tray check
#   TEST_DESKTOP_LOGS                  a folder for the parts' logs
#   TOKENTRAY_TEST_KEYRING_PASSWORD    the password of the throwaway login keyring; tests use it to
#                                      unlock the keyring again after locking it
set -euo pipefail

LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/lib/common.sh
source "$LIB_DIR/common.sh"

BACKGROUND_PIDS=()

stop_background_parts() {
    local pid
    for pid in "${BACKGROUND_PIDS[@]}"; do
        # CONT as well: a part that a test froze (SIGSTOP) and left so would act on TERM only
        # once it runs again, and the wait below would never end.
        kill -TERM "$pid" 2>/dev/null || true
        kill -CONT "$pid" 2>/dev/null || true
    done
    wait "${BACKGROUND_PIDS[@]}" 2>/dev/null || true
}
trap stop_background_parts EXIT
# Without these, a Ctrl-C or a CI timeout would end bash without running the EXIT trap.
trap 'exit 130' INT
trap 'exit 143' TERM

# start_in_background LOG_NAME COMMAND... : starts a part, logging to its own file. The part
# reads the caller's stdin (bash would give a background job /dev/null), so that it can be fed.
start_in_background() {
    local log_name=$1
    shift
    "$@" <&0 >"$TEST_DESKTOP_LOGS/$log_name.log" 2>&1 &
    BACKGROUND_PIDS+=("$!")
}

bus_name_has_owner() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner "string:$1" | grep -q 'boolean true'
}

# --unlock reads the password from stdin and creates the "login" keyring with it, so that the
# default collection is there and unlocked, as after a desktop login. --foreground keeps the
# daemon our child, so that the EXIT trap can stop it.
start_keyring() {
    start_in_background gnome-keyring \
        gnome-keyring-daemon --foreground --unlock --components=secrets \
        < <(printf '%s' "$TOKENTRAY_TEST_KEYRING_PASSWORD")
    wait_until "GNOME Keyring (org.freedesktop.secrets on the session bus)" 10 \
        bus_name_has_owner org.freedesktop.secrets
}

# Xvfb picks a free display itself (-displayfd), so parallel runs on one machine do not collide.
# Clients must show a cookie: the server accepts every cookie in its -auth file whatever display
# the entry names, and once the number is known, clients get an entry for that display.
# -noreset: without it the server resets whenever its last client leaves, and a client that
# connects during the reset is refused (4 of 450 connections in a loop of xwininfo calls).
start_display() {
    local cookie display_number_file=$TEST_DESKTOP_LOGS/display-number
    cookie=$(mcookie)
    : >"$XAUTHORITY"
    xauth -q add :0 . "$cookie" # for the server only: any display number will do
    : >"$display_number_file"
    start_in_background xvfb \
        Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset -auth "$XAUTHORITY" 3>"$display_number_file"
    wait_until "Xvfb" 10 test -s "$display_number_file"
    DISPLAY=":$(<"$display_number_file")"
    export DISPLAY
    xauth -q add "$DISPLAY" . "$cookie"
    wait_until "the X display $DISPLAY" 10 xdpyinfo
}

# D-Bus starts some services on demand (GNOME Keyring's unlock prompt, gcr-prompter) with the
# bus's own environment, which was made before the display existed. Give them the display, as a
# desktop session does, so that a locked keyring behaves as on a desktop (it shows a prompt), and
# NO_AT_BRIDGE, so that such a GTK service starts no accessibility bus.
share_display_with_bus_services() {
    dbus-update-activation-environment DISPLAY XAUTHORITY NO_AT_BRIDGE
}

# A tray test that starts before the tray host owns _NET_SYSTEM_TRAY_S0 finds no tray, so wait
# for it as AWT sees it.
start_tray_host() {
    start_in_background trayer \
        trayer --edge top --align right --widthtype request --height 24 --transparent false
    "$JAVA_HOME/bin/java" -Djdk.gtk.version=3 "$LIB_DIR/WaitForTrayHost.java" 20 \
        || die "trayer did not take the system tray of $DISPLAY within 20 s"
}

# The watcher asked over D-Bus (dbus-send: no package beyond dbus): true once it serves its object.
watcher_says() {
    dbus-send --session --print-reply --dest=org.kde.StatusNotifierWatcher /StatusNotifierWatcher \
        org.freedesktop.DBus.Properties.Get string:org.kde.StatusNotifierWatcher "string:$1" | grep -q "$2"
}

# The watcher first, the host once the watcher serves: status-notifier-watcher takes its bus name a
# moment before it serves its object, and a host that registers in that moment gets UnknownObject
# and ends. The bar goes along the bottom of the screen, clear of trayer's at the top.
start_sni_host() {
    start_in_background status-notifier-watcher status-notifier-watcher
    wait_until "status-notifier-watcher (org.kde.StatusNotifierWatcher)" 10 watcher_says ProtocolVersion int32
    start_in_background gtk-sni-tray-standalone gtk-sni-tray-standalone --bottom --end --color '#d8dadd'
    wait_until "gtk-sni-tray-standalone (registered as the StatusNotifierHost)" 10 \
        watcher_says IsStatusNotifierHostRegistered 'boolean true'
}

start_notification_daemon() {
    start_in_background dunst dunst -config "$LIB_DIR/dunstrc"
    wait_until "dunst (org.freedesktop.Notifications on the session bus)" 10 \
        bus_name_has_owner org.freedesktop.Notifications
}

main() {
    # Keep the user's own display and any Wayland session out of the run: every window and
    # notification must land on the test display.
    unset WAYLAND_DISPLAY
    export XAUTHORITY=$HOME/.Xauthority
    # GTK would otherwise start an accessibility bus per process and leave it behind.
    export NO_AT_BRIDGE=1

    start_keyring
    start_display
    share_display_with_bus_services
    local parts="keyring, XEmbed tray host"
    start_tray_host
    if [[ ${TEST_DESKTOP_SNI_HOST:-0} == 1 ]]; then
        start_sni_host
        parts+=", StatusNotifierItem host"
    fi
    start_notification_daemon
    log "test desktop up: DISPLAY=$DISPLAY, $parts and notification daemon running"

    "$@"
}

main "$@"
