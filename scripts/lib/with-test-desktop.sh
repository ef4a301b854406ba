#!/usr/bin/env bash
# with-test-desktop.sh COMMAND...
#
# Runs COMMAND inside a headless desktop made of real parts: an unlocked GNOME Keyring (Secret
# Service), an Xvfb display, the trayer tray host (XEmbed) and the dunst notification daemon; with
# TEST_DESKTOP_SNI_HOST=1 also a StatusNotifierItem host (status-notifier-watcher and
# gtk-sni-tray-standalone), as on the desktops whose panels host the app's native tray (the bench
# and the AOT cache's training; the tests that need one start their own); with TEST_DESKTOP_REDIS=1
# a Redis server (the tests and the bench want one, the installer's training run does not); with
# TEST_DESKTOP_POSTGRES=1 a throwaway PostgreSQL (test-postgres.sh). Every part is stopped when
# COMMAND ends, and the exit code is COMMAND's.
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
# shellcheck source=scripts/lib/test-postgres.sh
source "$LIB_DIR/test-postgres.sh"

BACKGROUND_PIDS=()
BACKGROUND_NAMES=()

stop_background_parts() {
    local i pid
    # A part that ended before the run did (a crash, or a test that replaced it) is named with
    # the end of its log, which the next run would overwrite: once, a keyring daemon ended in the
    # middle of the UI tests, D-Bus started a locked one, and its log was lost. All are looked at
    # before any is stopped: once Xvfb is stopped, the tray host and dunst end by themselves.
    for i in "${!BACKGROUND_PIDS[@]}"; do
        if ! kill -0 "${BACKGROUND_PIDS[$i]}" 2>/dev/null; then
            log "the test desktop's ${BACKGROUND_NAMES[$i]} had ended before the run did; the end of its log:"
            tail -n 20 "$TEST_DESKTOP_LOGS/${BACKGROUND_NAMES[$i]}.log" >&2 || true
        fi
    done
    if [[ -s $TEST_DESKTOP_LOGS/keyring-last-traffic.log ]]; then
        log "the last calls to the keyring before it ended, with the callers that came and went (the bus's NameOwnerChanged):"
        cat "$TEST_DESKTOP_LOGS/keyring-last-traffic.log" >&2
    fi
    for pid in "${BACKGROUND_PIDS[@]}"; do
        # CONT as well: a part that a test froze (SIGSTOP) and left so would act on TERM only
        # once it runs again, and the wait below would never end.
        kill -TERM "$pid" 2>/dev/null || true
        kill -CONT "$pid" 2>/dev/null || true
    done
    wait "${BACKGROUND_PIDS[@]}" 2>/dev/null || true
}
trap 'stop_redis; stop_postgres; stop_background_parts' EXIT
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
    BACKGROUND_NAMES+=("$log_name")
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

# GNOME Keyring 42 has ended three times in this project's test runs; the two whose log was kept
# aborted on one call from one caller ("gkd_secret_service_get_pkcs11_session: assertion 'client'
# failed", then GLib's "invoke_get_property_in_idle_cb: assertion failed"): a race in the daemon,
# reported of other apps, that no pattern of calls tried here has set off again. So the calls to it and the callers
# that come and go are recorded, and when the daemon ends, the last of them are kept (the record
# goes on, to the daemon D-Bus starts next), to name the call and the caller that ended it.
record_keyring_traffic() {
    local owner keyring_pid=${BACKGROUND_PIDS[-1]} traffic=$TEST_DESKTOP_LOGS/keyring-traffic.log
    owner=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.GetNameOwner string:org.freedesktop.secrets | tr -d ' ')
    # Calls may name the keyring by its unique name (GDBus proxies do) or by the well-known one.
    start_in_background keyring-traffic dbus-monitor --session "destination='org.freedesktop.secrets'" \
        "destination='$owner'" "sender='$owner'" "type='signal',sender='org.freedesktop.DBus',member='NameOwnerChanged'"
    # The monitor's own NameLost is the first thing it shows, once it monitors.
    wait_until "dbus-monitor (the keyring's traffic)" 10 grep -q 'member=NameLost' "$traffic"
    rm -f "$TEST_DESKTOP_LOGS/keyring-last-traffic.log"
    # Each message's first line and its string arguments (the property a Get asked for, the names
    # in NameOwnerChanged), without the byte arrays: keys and encrypted secrets tell nothing here.
    (tail -s 0.05 --pid="$keyring_pid" -f /dev/null \
        && grep -E '^(method|signal|error)|^   string' "$traffic" | tail -n 60 >"$TEST_DESKTOP_LOGS/keyring-last-traffic.log") &
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

# A Redis for the outputs' tests and the bench: on a free loopback port (and the next one for TLS),
# in a throwaway folder, saving nothing. Its default user is off; the app's user (`tray`) may run only the commands the
# Redis output and `run --headless --redis` send (the README's ACL lines), and `admin` is for the tests to read back with. It
# runs from a config file with a pid file, so that a test can stop it (SHUTDOWN) and start it again
# from the same file (TOKENTRAY_TEST_REDIS_CONF); the pid file names whichever runs at the end.
start_redis() {
    local dir=$HOME/test-redis attempt
    mkdir -m 700 -p "$dir"
    export TOKENTRAY_TEST_REDIS_CONF=$dir/redis.conf
    export TOKENTRAY_TEST_REDIS_USER=tray
    export TOKENTRAY_TEST_REDIS_PASSWORD TOKENTRAY_TEST_REDIS_ADMIN_PASSWORD TOKENTRAY_TEST_REDIS_PORT
    export TOKENTRAY_TEST_REDIS_TLS_PORT TOKENTRAY_TEST_REDIS_TRUSTSTORE=$dir/truststore.p12
    export TOKENTRAY_TEST_REDIS_FOLLOWER_PASSWORD
    TOKENTRAY_TEST_REDIS_PASSWORD=$(mcookie)
    TOKENTRAY_TEST_REDIS_FOLLOWER_PASSWORD=$(mcookie)
    TOKENTRAY_TEST_REDIS_ADMIN_PASSWORD=$(mcookie)
    make_redis_certificates "$dir"
    # A port another run may take between the pick and the bind: then the next pick.
    for attempt in 1 2 3 4 5; do
        TOKENTRAY_TEST_REDIS_PORT=$((20000 + RANDOM % 30000))
        TOKENTRAY_TEST_REDIS_TLS_PORT=$((TOKENTRAY_TEST_REDIS_PORT + 1))
        (umask 077 && cat >"$TOKENTRAY_TEST_REDIS_CONF" <<EOF
bind 127.0.0.1
port $TOKENTRAY_TEST_REDIS_PORT
tls-port $TOKENTRAY_TEST_REDIS_TLS_PORT
tls-cert-file $dir/server.pem
tls-key-file $dir/server.key
tls-ca-cert-file $dir/ca.pem
tls-auth-clients no
save ""
appendonly no
dir $dir
daemonize yes
pidfile $dir/redis.pid
logfile $TEST_DESKTOP_LOGS/redis.log
user default off
user admin on >$TOKENTRAY_TEST_REDIS_ADMIN_PASSWORD ~* &* +@all
user $TOKENTRAY_TEST_REDIS_USER on >$TOKENTRAY_TEST_REDIS_PASSWORD ~* &* -@all +ping +select +get +set +del +hset +expireat +publish +multi +exec +hget +hgetall +expire +pexpire +eval +subscribe
user follower on >$TOKENTRAY_TEST_REDIS_FOLLOWER_PASSWORD ~* &* -@all +ping +select +get +hgetall +multi +exec +subscribe +publish
EOF
        )
        redis-server "$TOKENTRAY_TEST_REDIS_CONF"
        if wait_for_redis 5; then
            return
        fi
        log "Redis did not start on port $TOKENTRAY_TEST_REDIS_PORT (attempt $attempt); trying another port"
    done
    die "Redis did not start; its log is $TEST_DESKTOP_LOGS/redis.log"
}

# make_redis_certificates DIR : a throwaway CA, and a certificate for the name "localhost" only (so
# that a connection to 127.0.0.1 shows the host name checked), and the CA in a Java trust store
# for the tests' app processes (-Djavax.net.ssl.trustStore).
make_redis_certificates() {
    local dir=$1
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Upstox Token Tray test CA" \
        -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
        -extfile <(printf 'subjectAltName=DNS:localhost\n') -out "$dir/server.pem" 2>/dev/null
    "$JAVA_HOME/bin/keytool" -importcert -noprompt -alias test-ca -file "$dir/ca.pem" \
        -keystore "$TOKENTRAY_TEST_REDIS_TRUSTSTORE" -storetype PKCS12 -storepass test-ca >/dev/null 2>&1 \
        || die "keytool could not put the test CA in a trust store"
}

# wait_for_redis SECONDS : true once the test Redis answers PING.
wait_for_redis() {
    local deadline=$((SECONDS + $1))
    until REDISCLI_AUTH=$TOKENTRAY_TEST_REDIS_ADMIN_PASSWORD redis-cli --user admin -p "$TOKENTRAY_TEST_REDIS_PORT" \
        ping 2>/dev/null | grep -q PONG; do
        ((SECONDS < deadline)) || return 1
        sleep 0.1
    done
}

# Without TEST_DESKTOP_REDIS=1 (the installer's training run) no Redis was started.
stop_redis() {
    [[ -n ${TOKENTRAY_TEST_REDIS_CONF:-} ]] || return 0
    local pidfile=${TOKENTRAY_TEST_REDIS_CONF%/*}/redis.pid
    if [[ -s $pidfile ]]; then
        kill -TERM "$(<"$pidfile")" 2>/dev/null || true
    fi
}

main() {
    # Keep the user's own display and any Wayland session out of the run: every window and
    # notification must land on the test display.
    unset WAYLAND_DISPLAY
    export XAUTHORITY=$HOME/.Xauthority
    # GTK would otherwise start an accessibility bus per process and leave it behind.
    export NO_AT_BRIDGE=1

    start_keyring
    record_keyring_traffic
    start_display
    share_display_with_bus_services
    local parts="keyring, XEmbed tray host"
    start_tray_host
    if [[ ${TEST_DESKTOP_SNI_HOST:-0} == 1 ]]; then
        start_sni_host
        parts+=", StatusNotifierItem host"
    fi
    start_notification_daemon
    if [[ ${TEST_DESKTOP_REDIS:-} == 1 ]]; then
        start_redis
        parts+=", Redis on port $TOKENTRAY_TEST_REDIS_PORT"
    fi
    if [[ ${TEST_DESKTOP_POSTGRES:-} == 1 ]]; then
        start_postgres
        parts+=", PostgreSQL on port $TOKENTRAY_TEST_POSTGRES_PORT"
    fi
    log "test desktop up: DISPLAY=$DISPLAY, $parts and notification daemon running"

    "$@"
}

main "$@"
