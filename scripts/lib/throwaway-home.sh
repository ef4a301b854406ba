#!/usr/bin/env bash
# use_throwaway_home PURPOSE : HOME and the XDG folders in a fresh folder, removed when the shell
# exits. The keyring, the tray's and the notification daemon's state, and the app's settings, log
# and state all live under them: the user's own are never touched, and nothing outlives the run.
# Maven still finds ~/.m2, because Java takes user.home from the password database, not $HOME.

use_throwaway_home() {
    THROWAWAY_HOME=$(mktemp -d -t "tokentray-$1-home.XXXXXX")
    trap 'rm -rf "$THROWAWAY_HOME"' EXIT
    export HOME=$THROWAWAY_HOME
    export XDG_CONFIG_HOME=$THROWAWAY_HOME/.config
    export XDG_DATA_HOME=$THROWAWAY_HOME/.local/share
    export XDG_STATE_HOME=$THROWAWAY_HOME/.local/state
    export XDG_CACHE_HOME=$THROWAWAY_HOME/.cache
    export XDG_RUNTIME_DIR=$THROWAWAY_HOME/runtime
    mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME"
    mkdir -m 700 "$XDG_RUNTIME_DIR"
}
