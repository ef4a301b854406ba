# shellcheck shell=bash
# Finding a JDK of the version the build needs. Source it.

# The major version of the JDK at $1, from its `release` file (0 when it has none).
jdk_major_version() {
    local version
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
    echo "${version:-0}"
}

# Prints the home of a JDK (with javac, not only a runtime) whose major version is at least $1:
# JAVA_HOME when it is one, else the first under /usr/lib/jvm. The default `java` of the machine
# is often older (Debian 12 has 17), so it is not enough to trust PATH.
find_jdk() {
    local wanted=$1 candidate
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
        if [[ -n $candidate && -x $candidate/bin/javac ]] \
            && (($(jdk_major_version "$candidate") >= wanted)); then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

# The JDK version the build needs (pom.xml's maven.compiler.release).
readonly REQUIRED_JDK=25

# use_jdk VERSION : exports JAVA_HOME and PATH for a JDK of at least VERSION, or stops the script
# with what to install.
use_jdk() {
    JAVA_HOME=$(find_jdk "$1") \
        || die "no JDK $1 or newer found (JAVA_HOME=${JAVA_HOME:-unset}, /usr/lib/jvm/*): install one, e.g. Temurin $1 (https://adoptium.net), and point JAVA_HOME at it"
    export JAVA_HOME
    export PATH=$JAVA_HOME/bin:$PATH
    log "JDK: $JAVA_HOME"
}
