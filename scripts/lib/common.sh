# shellcheck shell=bash
# Shared helpers for the scripts under scripts/. Source it; it defines functions only.

# Progress goes to stderr, so that it never mixes with what a command prints on stdout.
log() {
    printf '[%s] %s\n' "$(basename "$0")" "$*" >&2
}

die() {
    printf '[%s] ERROR: %s\n' "$(basename "$0")" "$*" >&2
    exit 1
}

# Runs a command as root: directly when we are root (CI, containers), else through sudo.
as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        die "needs root for: $*; run as root, or install sudo"
    fi
}

# wait_until DESCRIPTION SECONDS COMMAND...
# Polls COMMAND every 0.1 s until it succeeds; fails the script with DESCRIPTION after SECONDS.
# Background parts announce readiness in different ways, so each caller passes its own probe.
wait_until() {
    local description=$1 seconds=$2
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || die "$description did not come up within ${seconds} s"
        sleep 0.1
    done
}
