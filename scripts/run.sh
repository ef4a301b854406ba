#!/usr/bin/env bash
# The project's run command: bash scripts/run.sh [command and options]
#
# Without arguments it starts the tray app; with them it runs a command, e.g.
#   bash scripts/run.sh status
# On a fresh Debian machine it first installs what the app needs and builds it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/common.sh
source scripts/lib/system-packages.sh
source scripts/lib/jdk.sh

readonly JAR=target/upstox-token-tray.jar

# Builds when there is no jar yet, or when a source is newer than it.
build_if_needed() {
    if [[ -f $JAR && -z $(find src/main pom.xml -newer "$JAR" -type f -print -quit) ]]; then
        return
    fi
    log "building $JAR"
    local output
    if ! output=$(mvn -q -B -DskipTests package 2>&1); then
        printf '%s\n' "$output" >&2
        die "the build failed"
    fi
}

main() {
    install_missing_system_packages "${RUN_SYSTEM_PACKAGES[@]}"
    use_jdk "$REQUIRED_JDK"
    build_if_needed
    # GTK 3 for both AWT (the tray) and JavaFX, or AWT loads GTK 2 first and JavaFX cannot start.
    exec java -Djdk.gtk.version=3 --enable-native-access=ALL-UNNAMED -jar "$JAR" "$@"
}

main "$@"
