#!/usr/bin/env bash
# The packaging test: bash packaging/test-deb.sh [--reuse-build]
#
# Builds the .deb (packaging/build.sh; --reuse-build skips its Maven step and packages the jar
# that `mvn verify` just built), installs it with apt, and checks the installed app as a user
# meets it: the command on the PATH (version, exit codes, status, the simulator, a login against
# it), the menu entry, the tray app under the test display (its icon in the tray host, its window,
# a renewal), an upgrade to a newer version in place, and then that removing the package (apt-get
# remove --purge) leaves nothing of the app outside the user's own folders, while the user's
# keychain entries and files stay as they were. Any failed check stops the test with an error.
#
# Runs inside the test desktop (scripts/lib/with-test-desktop.sh: display, tray host, keychain,
# throwaway HOME): `bash scripts/test.sh` runs it after `mvn verify`; `bash scripts/test.sh
# --packaging` runs it alone. Installing needs root (or sudo). It refuses to touch an
# upstox-token-tray that is already installed: it fails when CI=true, and skips otherwise.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/common.sh

readonly NAME=upstox-token-tray
readonly MAX_DEB_BYTES=45000000 # the issue's target: under 45 MB
readonly WAIT=60                # seconds, for anything the test waits for
LOGS=${TEST_DESKTOP_LOGS:-$PWD/target/test-desktop}/packaging
INSTALLED=0
APP_PIDS=()

fail() {
    die "packaging test FAILED: $*"
}

ok() {
    log "ok: $*"
}

# check DESCRIPTION COMMAND... : runs COMMAND; fails the test with DESCRIPTION unless it succeeds.
check() {
    local description=$1
    shift
    "$@" >/dev/null 2>&1 || fail "$description"
    ok "$description"
}

# await DESCRIPTION COMMAND... : polls COMMAND every 0.2 s until it succeeds, for at most $WAIT s.
await() {
    local description=$1 deadline=$((SECONDS + WAIT))
    shift
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || fail "$description (waited ${WAIT} s)"
        sleep 0.2
    done
    ok "$description"
}

# The installed command, as a user types it, bounded in time so that a hang fails the test. It
# runs in the logs folder, so that a JVM crash report (hs_err_pid*.log) lands there.
app() {
    (cd "$LOGS" && exec timeout "$WAIT" "$NAME" "$@")
}

# start_app OUTPUT_NAME ARGUMENTS... : starts the installed command in the background; APP_PID.
start_app() {
    local output=$1
    shift
    (cd "$LOGS" && exec "$NAME" "$@") >"$LOGS/$output.out" 2>"$LOGS/$output.err" &
    APP_PID=$!
    APP_PIDS+=("$APP_PID")
}

stop_app() {
    kill -TERM "$1"
    wait "$1" 2>/dev/null || true
    APP_PIDS=()
}

cleanup() {
    local pid
    # Stopped before the test desktop goes: an app that loses its display while it stops may
    # crash, and leave a crash report for the next run to find.
    for pid in "${APP_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
        timeout 20 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    done
    if ((INSTALLED)); then
        log "removing the package after a failure"
        as_root apt-get remove --purge -y -qq -o DPkg::Lock::Timeout=120 "$NAME" >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT

# dpkg's state of the package: empty when dpkg does not know it (never installed, or purged).
package_state() {
    dpkg-query -W -f='${db:Status-Status}' "$NAME" 2>/dev/null || true
}

is_installed() {
    [[ $(package_state) == installed ]]
}

# Packaging tests of several checkouts on one machine would install and remove the same
# package: one at a time.
take_machine_lock() {
    exec 9>/tmp/$NAME-packaging-test.lock
    flock -w 900 9 || fail "another packaging test holds /tmp/$NAME-packaging-test.lock"
}

preconditions() {
    command -v dpkg-deb >/dev/null || fail "no dpkg-deb: the packaging test needs Debian or Ubuntu"
    [[ -n ${DISPLAY:-} && -n ${DBUS_SESSION_BUS_ADDRESS:-} ]] \
        || fail "no test desktop (DISPLAY, session bus): run it through bash scripts/test.sh --packaging"
    trayer_panel >/dev/null || fail "no trayer panel on $DISPLAY"
    # A package removed without --purge (dpkg's state config-files) counts too: its leftovers in
    # /var/lib/dpkg would go with this test's purge, and the last check would find the system changed.
    if [[ ! $(package_state) =~ ^(|not-installed)$ ]]; then
        local message="$NAME is installed on this machine, or was removed without purging it (dpkg's state: $(package_state)), and this test would replace and purge it: purge it first (apt-get remove --purge $NAME)"
        [[ ${CI:-} == true ]] && fail "$message"
        log "SKIPPED: $message"
        exit 0
    fi
    mkdir -p "$LOGS"
    rm -f "$LOGS"/hs_err_pid*.log
}

# --- build ---------------------------------------------------------------------------------

build() {
    local started=$SECONDS arguments=()
    [[ ${1:-} == --reuse-build ]] && arguments=(--skip-maven)
    # As a user runs it: without the Redis and PostgreSQL the test command asks of its desktop.
    env -u TEST_DESKTOP_REDIS -u TEST_DESKTOP_POSTGRES bash packaging/build.sh "${arguments[@]}" 2>&1 \
        | tee "$LOGS/build.log" >&2
    BUILD_SECONDS=$((SECONDS - started))
    DEB=$(ls target/installer/${NAME}_*.deb)
    VERSION=$(dpkg-deb -f "$DEB" Version)
    DEB_BYTES=$(stat -c %s "$DEB")
    INSTALLED_KB=$(dpkg-deb -f "$DEB" Installed-Size)
    ok "built $DEB in ${BUILD_SECONDS} s: $DEB_BYTES bytes, Installed-Size $INSTALLED_KB KB"
    ((DEB_BYTES < MAX_DEB_BYTES)) || fail "the .deb has $DEB_BYTES bytes, more than the target of $MAX_DEB_BYTES"
    ok "the .deb is under 45 MB"
    local depends
    depends=$(dpkg-deb -f "$DEB" Depends)
    grep -qE '(^|, )libgtk-3-0(,|$)' <<<"$depends" && grep -qE '(^|, )libgl1(,|$)' <<<"$depends" \
        || fail "the package does not depend on libgtk-3-0 and libgl1: $depends"
    ok "the package depends on libgtk-3-0 and libgl1 (JavaFX)"
    grep -q xdg-utils <<<"$depends" && fail "the package depends on xdg-utils"
    ok "the package does not depend on xdg-utils"
}

# Paths named after the app in the folders a package can write to: compared before the install
# and after the removal. (/var/cache/apt, /var/log and /var/tmp hold apt's and others' own.)
system_paths_of_the_app() {
    find /opt /usr /etc /var -xdev \
        \( -path /var/cache/apt -o -path /var/log -o -path /var/tmp \) -prune \
        -o -iname "*$NAME*" -print 2>/dev/null | sort
}

# --- install -------------------------------------------------------------------------------

# /usr/bin/upstox-token-tray runs the runtime's java with the launcher's options (build.sh,
# write_start_script).
starts_the_apps_runtime() {
    [[ -x /usr/bin/$NAME ]] && grep -q "^exec /opt/$NAME/lib/runtime/bin/java " /usr/bin/$NAME
}

install_package() {
    SYSTEM_BEFORE=$(system_paths_of_the_app)
    INSTALLED=1
    local started=$SECONDS
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -o DPkg::Lock::Timeout=120 "./$DEB" >"$LOGS/apt-install.log" 2>&1 \
        || { cat "$LOGS/apt-install.log" >&2; fail "apt-get install ./$DEB"; }
    ok "installed with apt-get install ./$DEB in $((SECONDS - started)) s"
    check "dpkg knows the package as installed" is_installed
    INSTALLED_DU_KB=$(du -sk /opt/$NAME | cut -f1)
    hash -r
    [[ $(command -v "$NAME") == /usr/bin/$NAME ]] || fail "$NAME on the PATH is not /usr/bin/$NAME"
    ok "$NAME is on the PATH as /usr/bin/$NAME"
    starts_the_apps_runtime || fail "/usr/bin/$NAME does not start the app's own runtime in /opt/$NAME"
    ok "/usr/bin/$NAME starts the app's own runtime in /opt/$NAME"
    check "jpackage's launcher /opt/$NAME/bin/$NAME starts the app too" /opt/$NAME/bin/$NAME --version
    check "dpkg owns /usr/bin/$NAME" dpkg -S /usr/bin/$NAME
}

desktop_entry() {
    local entry=/usr/share/applications/$NAME.desktop exec icon
    check "the menu entry $entry is installed and owned by the package" dpkg -S "$entry"
    if command -v desktop-file-validate >/dev/null; then
        desktop-file-validate "$entry" >"$LOGS/desktop-file-validate.log" 2>&1 \
            || { cat "$LOGS/desktop-file-validate.log" >&2; fail "desktop-file-validate $entry"; }
        ok "desktop-file-validate $entry"
    fi
    exec=$(sed -n 's/^Exec=//p' "$entry")
    check "the menu entry starts the command ($exec)" test -x "$exec"
    icon=$(sed -n 's/^Icon=//p' "$entry")
    check "the menu entry's icon $icon is in the hicolor theme (48 px and scalable)" \
        test -f "/usr/share/icons/hicolor/48x48/apps/$icon.png" -a -f "/usr/share/icons/hicolor/scalable/apps/$icon.svg"
    local state
    for state in valid expiring expired renewing attention; do
        check "the tray's $state icon is in the hicolor theme (22 px, 22 px @2, scalable), for the StatusNotifierItem" \
            test -f "/usr/share/icons/hicolor/22x22/status/$NAME-$state.png" \
            -a -f "/usr/share/icons/hicolor/22x22@2/status/$NAME-$state.png" \
            -a -f "/usr/share/icons/hicolor/scalable/status/$NAME-$state.svg"
    done
}

# --- the command line ------------------------------------------------------------------------

command_line() {
    local out
    out=$(app --version) || fail "$NAME --version exited $?"
    [[ $out == "Upstox Token Tray $VERSION" ]] || fail "$NAME --version printed '$out', not 'Upstox Token Tray $VERSION'"
    ok "$NAME --version prints 'Upstox Token Tray $VERSION'"
    # With AOTMode=on the JVM stops instead of starting without the cache: one that does not fit
    # the installed runtime and class path would otherwise cost the start-up time unnoticed.
    check "the installed app starts with its AOT cache ($(ls /opt/$NAME/lib/app/*.aot 2>/dev/null))" \
        env JAVA_TOOL_OPTIONS=-XX:AOTMode=on "$NAME" --version

    # The command passes exit codes and both streams through.
    exit_code 2 "a wrong command" nosuchcommand
    [[ ! -s $LOGS/out.txt && -s $LOGS/err.txt ]] || fail "the usage error went to stdout, or nowhere"
    ok "a wrong command's usage goes to stderr, nothing to stdout"
    exit_code 3 "no credentials stored (token, profile packaging-test-none)" token --profile packaging-test-none
    DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent exit_code 6 "no keychain (status without a session bus)" status

    exit_code 0 "status with the test desktop's keychain" status
    grep -q '^Profile: *default' "$LOGS/out.txt" || fail "status printed no profile: $(cat "$LOGS/out.txt")"
    [[ -s $LOGS/err.txt ]] && fail "status printed on stderr (JVM warnings?): $(cat "$LOGS/err.txt")"
    ok "status prints the default profile's state, and nothing on stderr"
}

# exit_code EXPECTED DESCRIPTION ARGUMENTS... : runs the installed command, keeps its output in
# $LOGS/out.txt and err.txt, and checks its exit code.
exit_code() {
    local expected=$1 description=$2 status=0
    shift 2
    app "$@" >"$LOGS/out.txt" 2>"$LOGS/err.txt" || status=$?
    ((status == expected)) || fail "$description: exit code $status, expected $expected; stderr: $(head -c 600 "$LOGS/err.txt")"
    ok "$description: exit code $expected"
}

simulator_and_login() {
    # Tokens of 2 h: "valid" (over an hour left) whatever the time of day.
    start_app simulator simulator --token-lifetime 2h
    local simulator=$APP_PID
    await "the installed simulator prints 'listening on ...'" grep -q '^listening on http://127.0.0.1:' "$LOGS/simulator.out"
    local url
    url=$(sed -n 's/^listening on //p' "$LOGS/simulator.out")
    url=${url%/}
    http_status 401 "$url/v2/user/profile" "the simulator's profile endpoint, without a token"
    http_status 302 "$url/v2/login/authorization/dialog?response_type=code&client_id=6f1c2d3e-4a5b-4c7d-8e9f-0a1b2c3d4e5f&redirect_uri=http%3A%2F%2F127.0.0.1%3A5055%2Fcallback" \
        "the simulator's login dialog"

    # A login through the installed app against it, with the simulator's default account.
    export UPSTOX_API_BASE_URL=$url UPSTOX_SERVICE_BASE_URL=$url
    UPSTOX_USERNAME=9876543210 UPSTOX_PIN_CODE=123456 UPSTOX_TOTP_SECRET=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ \
        UPSTOX_CLIENT_ID=6f1c2d3e-4a5b-4c7d-8e9f-0a1b2c3d4e5f UPSTOX_CLIENT_SECRET=sim0secret0key \
        UPSTOX_REDIRECT_URI=http://127.0.0.1:5055/callback \
        exit_code 0 "setup --from-env stores the simulator's account in the keychain" setup --from-env
    exit_code 0 "token logs in against the simulator" token
    grep -qE '^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$' "$LOGS/out.txt" \
        || fail "token printed no JWT on stdout"
    ok "token prints a JWT, alone on stdout"
    : >"$LOGS/out.txt" # the token itself stays out of the logs
    exit_code 0 "status after the login" status --json
    grep -q '"state" : "VALID"' "$LOGS/out.txt" || fail "status --json shows no valid token: $(cat "$LOGS/out.txt")"
    ok "status --json shows the token as VALID"
    headless_health_and_metrics
    unset UPSTOX_API_BASE_URL UPSTOX_SERVICE_BASE_URL

    stop_app "$simulator"
}

# The headless renewer's /healthz and /metrics from the installed app: the Prometheus client runs
# on the trimmed runtime. Port 0: the renewer logs the port it got.
headless_health_and_metrics() {
    start_app headless run --headless --listen 127.0.0.1:0
    local headless=$APP_PID
    await "run --headless --listen serves /metrics" grep -q 'Serving /healthz and /metrics on http://127.0.0.1:' \
        "$LOGS/headless.err"
    local monitor
    monitor=$(sed -n 's|.*Serving /healthz and /metrics on \(http://127.0.0.1:[0-9]*\).*|\1|p' "$LOGS/headless.err")
    # 200 once the renewer has read the keychain, a moment after it listens.
    await "the headless renewer's /healthz answers 200 with a valid token" \
        curl -sf --max-time 10 -o /dev/null "$monitor/healthz"
    curl -s --max-time 10 "$monitor/metrics" >"$LOGS/metrics.txt" || true
    grep -qE '^upstox_token_state\{profile="default",state="VALID"\} 1(\.0)?$' "$LOGS/metrics.txt" \
        || fail "/metrics shows no valid token: $(head -c 600 "$LOGS/metrics.txt")"
    ok "/metrics shows the token as VALID, in Prometheus's text format"
    stop_app "$headless"
}

http_status() {
    local expected=$1 url=$2 description=$3 got
    got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url") || true
    [[ $got == "$expected" ]] || fail "$description: HTTP $got, expected $expected"
    ok "$description answers HTTP $expected"
}

# --- the tray app ----------------------------------------------------------------------------

trayer_panel() {
    xwininfo -root -tree | awk '/\("panel" "trayer"\)/ { print $1; exit }' | grep .
}

# How many AWT tray icons trayer embeds: each is a JavaEmbeddedFrame in a socket window of its
# panel.
tray_icons() {
    xwininfo -tree -id "$(trayer_panel)" | grep -c '"JavaEmbeddedFrame"' || true
}

more_tray_icons_than() {
    (($(tray_icons) > $1))
}

tray_icons_back_to() {
    (($(tray_icons) == $1))
}

state_file_contains() {
    grep -q "$1" "${XDG_STATE_HOME:-$HOME/.local/state}/$NAME/logs/$NAME.log" 2>/dev/null
}

window_viewable() {
    xwininfo -name "$1" 2>/dev/null | grep -q 'Map State: IsViewable'
}

alive() {
    kill -0 "$1" 2>/dev/null
}

tray_app() {
    local before
    before=$(tray_icons)
    # Demo mode: its own simulator and the separate demo profile; --hidden, as at login.
    start_app tray-app --demo --hidden
    local pid=$APP_PID
    await "the installed tray app puts its icon into the tray host (trayer)" more_tray_icons_than "$before"
    check "the tray app runs" alive "$pid"
    await "the tray app renews the demo token" \
        state_file_contains "Renewed the token of profile 'demo'\|Token of profile 'demo' valid until"
    window_viewable "Upstox Token Tray (demo)" && fail "the window shows, though the app started --hidden"
    ok "the window stays hidden at a --hidden start"

    # A second launch hands over to the first, whose window comes forward.
    exit_code 0 "a second launch hands over to the running app" --demo
    await "the running app's window comes forward" window_viewable "Upstox Token Tray (demo)"
    # JavaFX draws in software (jvm-options); GTK must not load OpenGL (Mesa) for nothing.
    grep -qE 'libGLX_mesa|libLLVM' "/proc/$pid/maps" && fail "the app with its window open has Mesa's OpenGL loaded"
    ok "the app with its window open has no OpenGL (Mesa) loaded"
    # The installed command sets GDK_GL=disable for the tray app, which then needs no JNA for it.
    grep -q 'jna' "/proc/$pid/maps" && fail "the app with its window open loaded JNA (GDK_GL not set by /usr/bin/$NAME)"
    ok "the app with its window open has no JNA loaded: its command set GDK_GL"

    stop_app "$pid"
    await "the tray icon goes with the app" tray_icons_back_to "$before"
    if grep -E 'restricted method|Unsupported JavaFX configuration|Exception' "$LOGS/tray-app.err" >&2; then
        fail "the tray app printed warnings or exceptions (above; $LOGS/tray-app.err)"
    fi
    ok "the tray app printed no native-access or JavaFX warnings and no exceptions"
}

# --- upgrade -------------------------------------------------------------------------------

# The same package as a newer version, installed over the installed one as apt upgrades: dpkg's
# upgrade path (the old package's files handed over, its maintainer scripts run with "upgrade"),
# after which the user's keychain entries and files are as they were and the app still works.
upgrade_package() {
    local users_before tree=$LOGS/upgrade-tree newer
    users_before=$(users_data)
    newer="$VERSION+upgradetest"
    rm -rf "$tree"
    dpkg-deb -R "$DEB" "$tree"
    sed -i "s/^Version: .*/Version: $newer/" "$tree/DEBIAN/control"
    UPGRADE_DEB=$LOGS/${NAME}_${newer}_amd64.deb
    # gzip -1: this package is thrown away, and xz would take most of a minute.
    dpkg-deb --root-owner-group -Zgzip -z1 -b "$tree" "$UPGRADE_DEB" >/dev/null
    rm -rf "$tree"
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -o DPkg::Lock::Timeout=120 "$UPGRADE_DEB" >"$LOGS/apt-upgrade.log" 2>&1 \
        || { cat "$LOGS/apt-upgrade.log" >&2; fail "apt-get install of version $newer over $VERSION"; }
    grep -q "Unpacking $NAME ($newer) over ($VERSION)" "$LOGS/apt-upgrade.log" \
        || fail "apt did not upgrade $VERSION to $newer: $(cat "$LOGS/apt-upgrade.log")"
    [[ $(dpkg-query -W -f='${Version}' "$NAME") == "$newer" ]] && is_installed \
        || fail "version $newer is not the installed one after the upgrade"
    ok "upgraded in place to version $newer with apt-get install"
    check "/usr/bin/$NAME still starts the app's own runtime after the upgrade" starts_the_apps_runtime
    [[ $(users_data) == "$users_before" ]] || fail "the upgrade changed the user's keychain entries or files"
    ok "the upgrade kept the user's keychain entries and files unchanged"
    exit_code 0 "status after the upgrade" status --json
    grep -q '"credentialsStored" : true' "$LOGS/out.txt" || fail "status after the upgrade finds no credentials"
    ok "status after the upgrade still finds the stored login"
    rm -f "$UPGRADE_DEB"
}

# --- remove --------------------------------------------------------------------------------

# What of the user's is kept: the keychain entries the test made and the app's files.
users_data() {
    local account
    for account in default/credentials default/token demo/credentials demo/token; do
        printf '%s: %s\n' "$account" "$(secret-tool lookup service "$NAME" account "$account" | sha256sum | cut -c1-16)"
    done
    local folder
    for folder in "${XDG_CONFIG_HOME:-$HOME/.config}/$NAME" "${XDG_STATE_HOME:-$HOME/.local/state}/$NAME"; do
        (cd "$folder" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum)
    done
}

remove_package() {
    local users_before account
    users_before=$(users_data)
    for account in default/credentials default/token demo/credentials; do
        [[ $(secret-tool lookup service "$NAME" account "$account") ]] \
            || fail "the keychain has no entry $account before the removal"
    done
    [[ -s ${XDG_STATE_HOME:-$HOME/.local/state}/$NAME/logs/$NAME.log && -s ${XDG_STATE_HOME:-$HOME/.local/state}/$NAME/history.jsonl ]] \
        || fail "the app wrote no log or history into the user's state folder"
    local started=$SECONDS
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get remove --purge -y -o DPkg::Lock::Timeout=120 "$NAME" >"$LOGS/apt-remove.log" 2>&1 \
        || { cat "$LOGS/apt-remove.log" >&2; fail "apt-get remove --purge $NAME"; }
    INSTALLED=0
    ok "removed with apt-get remove --purge in $((SECONDS - started)) s"

    is_installed && fail "dpkg still lists $NAME as installed"
    [[ $(package_state) =~ ^(|not-installed)$ ]] || fail "dpkg keeps $NAME as '$(package_state)'"
    ok "dpkg knows $NAME as not installed, no configuration files left"
    dpkg -L "$NAME" >/dev/null 2>&1 && fail "dpkg -L $NAME still lists files"
    ok "dpkg -L $NAME lists nothing"
    dpkg -S "$NAME" >/dev/null 2>&1 && fail "dpkg -S $NAME still finds paths"
    ok "dpkg -S $NAME finds no path"
    local path
    for path in /opt/$NAME /usr/bin/$NAME /usr/share/applications/$NAME.desktop \
        /usr/share/icons/hicolor/48x48/apps/$NAME.png /usr/share/icons/hicolor/scalable/apps/$NAME.svg \
        /usr/share/icons/hicolor/scalable/status/$NAME-valid.svg; do
        [[ -e $path || -L $path ]] && fail "$path is left after the removal"
    done
    ok "/opt/$NAME, /usr/bin/$NAME, the menu entry and its icons are gone"
    hash -r
    command -v "$NAME" >/dev/null && fail "$NAME is still on the PATH"
    ok "$NAME is no longer on the PATH"
    local system_after
    system_after=$(system_paths_of_the_app)
    if [[ $system_after != "$SYSTEM_BEFORE" ]]; then
        diff <(echo "$SYSTEM_BEFORE") <(echo "$system_after") >&2 || true
        fail "paths named after the app in /opt, /usr, /etc or /var differ from before the install (above)"
    fi
    ok "nothing named after the app is left in /opt, /usr, /etc or /var"

    [[ $(users_data) == "$users_before" ]] || fail "the user's keychain entries or files changed with the removal"
    ok "the user's keychain entries (service $NAME) and files in ~/.config/$NAME and ~/.local/state/$NAME are kept, unchanged"
}

main() {
    local started=$SECONDS
    take_machine_lock
    preconditions
    build "${1:-}"
    install_package
    desktop_entry
    command_line
    simulator_and_login
    tray_app
    upgrade_package
    remove_package
    if compgen -G "$LOGS/hs_err_pid*.log" >/dev/null; then
        fail "the JVM of the installed app crashed: $(ls "$LOGS"/hs_err_pid*.log)"
    fi
    ok "no JVM crash report"
    log "PASSED in $((SECONDS - started)) s. The .deb: $DEB_BYTES bytes ($((DEB_BYTES / 1048576)) MiB), built in ${BUILD_SECONDS} s; installed: $INSTALLED_KB KB (Installed-Size), $INSTALLED_DU_KB KB in /opt/$NAME"
    printf 'deb_bytes=%s\ninstalled_size_kb=%s\nopt_du_kb=%s\nbuild_seconds=%s\ntest_seconds=%s\n' \
        "$DEB_BYTES" "$INSTALLED_KB" "$INSTALLED_DU_KB" "$BUILD_SECONDS" "$((SECONDS - started))" >"$LOGS/figures.txt"
}

main "$@"
