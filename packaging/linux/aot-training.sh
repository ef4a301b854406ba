#!/usr/bin/env bash
# aot-training.sh LAUNCHER LOGS : the AOT cache's training run (see add_aot_cache in build.sh).
#
# Runs inside a throwaway headless desktop (scripts/lib/with-test-desktop.sh). What the app does
# here is what the cache then holds ready: the tray app's start in demo mode, hidden, as it starts
# at login (the keychain, the tray icon as a StatusNotifierItem, the renewal service, a login
# against the in-process simulator). Not the window: the JVM loads every class of the cache at
# start, and JavaFX's would add ~15 MB to the resident memory of the app that idles hidden all
# day, to save a little time on the first opening of the window. The JVM writes the cache when the app exits on SIGTERM.
set -euo pipefail

LAUNCHER=$1
LOGS=$2
readonly WAIT=60 # seconds

log() {
    printf '[aot-training] %s\n' "$*" >&2
}

# await DESCRIPTION COMMAND... : polls COMMAND until it succeeds, for at most $WAIT seconds.
await() {
    local description=$1 deadline=$((SECONDS + WAIT))
    shift
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || { log "no $description within $WAIT s"; exit 1; }
        sleep 0.2
    done
    log "$description"
}

app_log=$XDG_STATE_HOME/upstox-token-tray/logs/upstox-token-tray.log

"$LAUNCHER" --demo --hidden >"$LOGS/app.out" 2>"$LOGS/app.err" &
app=$!
await "tray icon and token state (the Ready line)" grep -q 'Ready: the tray shows' "$app_log"
# The desktop has a StatusNotifierItem host (build.sh asks for one): a cache trained on AWT's tray
# would make every start map AWT's classes.
grep -q 'The tray icon is the StatusNotifierItem' "$app_log" || { log "the app did not use the native tray"; exit 1; }
await "a demo token (a login against the simulator)" grep -q 'Renewed the token of profile' "$app_log"
kill -TERM "$app"
wait "$app" || true
log "the app exited; the JVM wrote the cache"
