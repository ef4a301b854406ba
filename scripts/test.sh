#!/usr/bin/env bash
# The project's test command:
#   bash scripts/test.sh                  every test: `mvn -B verify`, then the packaging test
#                                         (packaging/test-deb.sh: builds, installs and removes the .deb)
#   bash scripts/test.sh MAVEN_ARGS...    `mvn -B verify MAVEN_ARGS...` only
#   bash scripts/test.sh --packaging      the packaging test only (it builds the jar itself)
#
# Runs them against real desktop parts, the way the tests expect them (see
# scripts/lib/with-test-desktop.sh): a Secret Service keychain, an X display, a tray host and a
# notification daemon. On a fresh Debian machine it first installs the system packages it needs.
#
# One test class, for example:
#   bash scripts/test.sh -Dtest='dev.tokentray.vault.*Test' -Dsurefire.failIfNoSpecifiedTests=false
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/common.sh
source scripts/lib/system-packages.sh
source scripts/lib/jdk.sh

# The keyring, the tray's and the notification daemon's state all live under HOME and the XDG
# folders: a fresh folder per run keeps the user's own keyring and settings out of the tests, and
# the tests out of them. Maven still finds ~/.m2, because Java takes user.home from the password
# database, not from $HOME.
use_throwaway_home() {
    TEST_HOME=$(mktemp -d -t tokentray-test-home.XXXXXX)
    trap 'rm -rf "$TEST_HOME"' EXIT
    export HOME=$TEST_HOME
    export XDG_CONFIG_HOME=$TEST_HOME/.config
    export XDG_DATA_HOME=$TEST_HOME/.local/share
    export XDG_STATE_HOME=$TEST_HOME/.local/state
    export XDG_CACHE_HOME=$TEST_HOME/.cache
    export XDG_RUNTIME_DIR=$TEST_HOME/runtime
    mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME"
    mkdir -m 700 "$XDG_RUNTIME_DIR"
}

main() {
    install_missing_system_packages "${TEST_SYSTEM_PACKAGES[@]}"
    use_jdk "$REQUIRED_JDK"
    use_throwaway_home

    # A new password per run: the keyring is thrown away with HOME anyway.
    export TOKENTRAY_TEST_KEYRING_PASSWORD
    TOKENTRAY_TEST_KEYRING_PASSWORD=$(mcookie)
    export TEST_DESKTOP_LOGS=$PWD/target/test-desktop
    mkdir -p "$TEST_DESKTOP_LOGS"

    local tests
    if (($# == 0)); then
        # The packaging test packages the jar that `mvn verify` built and tested.
        tests=(bash -c 'mvn -B verify && bash packaging/test-deb.sh --reuse-build')
    elif [[ $1 == --packaging ]]; then
        tests=(bash packaging/test-deb.sh)
    else
        tests=(mvn -B verify "$@")
    fi

    # A private session bus for the run: the keyring and the notification daemon register on it,
    # and dbus-run-session ends it (and so them) when the command is done.
    local status=0
    dbus-run-session -- bash scripts/lib/with-test-desktop.sh "${tests[@]}" || status=$?
    if ((status != 0)); then
        log "failed (exit $status); the desktop parts' logs are in $TEST_DESKTOP_LOGS"
    fi
    return "$status"
}

main "$@"
