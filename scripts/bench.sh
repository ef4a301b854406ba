#!/usr/bin/env bash
# The project's benchmark command: bash scripts/bench.sh [--app PATH] [options]
#
# Measures the "Fast and light" targets (README, "Benchmark") on the built jar, or with
# --app PATH on an installed app or an app-image (its launcher, e.g.
# /opt/upstox-token-tray/bin/upstox-token-tray): cold start to "tray icon shown and token state
# known", resident memory and CPU while idle, a full login warm and as a fresh `token` command,
# `exec`, the time from a new token to a token file and to Redis, the .deb's size. Several runs each; writes target/bench.json and target/bench.md, and prints the
# table. Takes about 15 minutes. `bash scripts/bench.sh --help` lists the options.
#
# On a fresh Debian machine it installs what it needs (apt), builds the app when a source is newer
# than the jar, and runs the measures inside the test desktop (scripts/lib/with-test-desktop.sh:
# Xvfb, a StatusNotifierItem host beside the trayer tray host (`--tray xembed`: trayer alone), an
# unlocked GNOME Keyring on a private session bus, dunst) with a throwaway HOME, so that the
# user's own keychain, settings and running app are never touched.
set -euo pipefail

CALLER_DIR=$PWD
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/common.sh
source scripts/lib/system-packages.sh
source scripts/lib/jdk.sh
source scripts/lib/throwaway-home.sh

readonly JAR=target/upstox-token-tray.jar
readonly CLASSPATH_FILE=target/bench-classpath.txt

# The jar, the test classes (the bench driver lives in src/test/java/dev/tokentray/bench) and the
# test classpath, rebuilt when a source or the pom is newer.
build_if_needed() {
    if [[ ! -f $JAR || ! -d target/test-classes/dev/tokentray/bench \
        || -n $(find src pom.xml -newer "$JAR" -type f -print -quit) ]]; then
        log "building $JAR and the bench"
        local output
        if ! output=$(mvn -q -B -DskipTests package 2>&1); then
            printf '%s\n' "$output" >&2
            die "the build failed"
        fi
    fi
    if [[ ! -s $CLASSPATH_FILE || pom.xml -nt $CLASSPATH_FILE ]]; then
        mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE" >&2 \
            || die "could not resolve the test classpath"
    fi
}

# Paths given relative to where the command was typed, made absolute (the bench runs from the repo);
# --tray also chooses the desktop's tray (the native one unless `--tray xembed`).
absolute_paths() {
    ARGS=()
    TEST_DESKTOP_SNI_HOST=1
    while (($# > 0)); do
        case $1 in
            --tray)
                (($# >= 2)) || die "$1 needs a value"
                [[ $2 == xembed ]] && TEST_DESKTOP_SNI_HOST=0
                ARGS+=("$1" "$2")
                shift 2
                ;;
            --app | --deb | --out)
                (($# >= 2)) || die "$1 needs a value"
                ARGS+=("$1" "$(cd "$CALLER_DIR" && realpath -m -- "$2")")
                shift 2
                ;;
            *)
                ARGS+=("$1")
                shift
                ;;
        esac
    done
}

main() {
    absolute_paths "$@"
    install_missing_system_packages "${BENCH_SYSTEM_PACKAGES[@]}"
    use_jdk "$REQUIRED_JDK"
    build_if_needed
    # The driver's own JVM kept small and quiet, so that it takes as little of the cores as it can.
    local driver=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m
        -cp "target/test-classes:target/classes:$(<"$CLASSPATH_FILE")" dev.tokentray.bench.Bench)
    for arg in "$@"; do
        if [[ $arg == --help || $arg == -h ]]; then
            exec "${driver[@]}" --help
        fi
    done
    use_throwaway_home bench
    export TOKENTRAY_TEST_KEYRING_PASSWORD TEST_DESKTOP_REDIS=1
    TOKENTRAY_TEST_KEYRING_PASSWORD=$(mcookie)
    export TEST_DESKTOP_LOGS=$PWD/target/bench-desktop TEST_DESKTOP_SNI_HOST
    mkdir -p "$TEST_DESKTOP_LOGS"
    dbus-run-session -- bash scripts/lib/with-test-desktop.sh "${driver[@]}" "${ARGS[@]}"
}

main "$@"
