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
source scripts/lib/throwaway-home.sh

main() {
    install_missing_system_packages "${TEST_SYSTEM_PACKAGES[@]}"
    use_jdk "$REQUIRED_JDK"
    use_throwaway_home test

    # A new password per run: the keyring is thrown away with HOME anyway.
    export TOKENTRAY_TEST_KEYRING_PASSWORD TEST_DESKTOP_REDIS=1 TEST_DESKTOP_POSTGRES=1
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
