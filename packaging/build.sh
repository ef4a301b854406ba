#!/usr/bin/env bash
# The installer build: bash packaging/build.sh [--skip-maven]
#
# Builds the installer of the OS it runs on, into target/installer/:
#   Linux    upstox-token-tray_VERSION_amd64.deb (and .rpm where rpmbuild exists)
#   Windows  upstox-token-tray-VERSION.msi (per user, no admin rights)
#   macOS    upstox-token-tray-VERSION.dmg
# Steps: `mvn -B -DskipTests package` (skipped with --skip-maven, which reuses target/), jlink a
# trimmed Java runtime with JavaFX in it, jpackage; on Linux between the app image and the
# package, a training run of the app in a headless desktop for its AOT cache (add_aot_cache).
# Needs a JDK 25 (JAVA_HOME, or one under /usr/lib/jvm) and Maven; on Linux fakeroot and the
# training's desktop parts (on Debian and Ubuntu it installs what is missing with apt-get), on
# Windows the WiX Toolset. Written for bash
# on Linux, macOS (also its bash 3.2) and Git Bash on Windows; only Linux was run. The JVM tuning
# options are in packaging/jvm-options.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/common.sh
source scripts/lib/jdk.sh
source scripts/lib/system-packages.sh
source scripts/lib/throwaway-home.sh

readonly NAME=upstox-token-tray
readonly VENDOR="Upstox Token Tray project"
readonly MAIN_CLASS=dev.tokentray.Main
readonly OUT=target/installer
readonly WORK=target/packaging
# Windows Installer recognises a newer version of the app by this code, and replaces the old one
# instead of installing beside it. Generated once; never change it.
readonly WINDOWS_UPGRADE_UUID=6674c7e4-a49e-48d1-8359-4283a274e9af

# The modules of the trimmed runtime, each for a reason. `jdeps --print-module-deps
# --ignore-missing-deps --multi-release 25` over the jar and target/lib gives the JDK ones; a
# class-loading log (-Xlog:class+load, -Xshare:off) of the app's commands, a login against the
# simulator and the tray app with its window found classes of no other module, except optional
# ones (security providers, console and locale providers that the JDK looks for and does without).
# Their own dependencies come along: java.datatransfer, java.prefs, java.xml, java.logging,
# java.transaction.xa, java.naming, java.security.jgss, java.security.sasl, javafx.base and
# javafx.graphics.
readonly MODULES=(
    java.base
    java.desktop        # the AWT tray icon, the clipboard; JNA
    java.net.http       # the login client
    java.sql            # picocli's and Jackson's converters load java.sql types
    jdk.httpserver      # the simulator (demo mode, `simulator`)
    jdk.net             # dbus-java's Unix-socket transport (the Secret Service keychain)
    jdk.security.auth   # dbus-java: the user id for the D-Bus login
    jdk.unsupported     # sun.misc: javafx.graphics requires it
    javafx.controls     # the windows (with javafx.graphics and javafx.base)
)
# Left out, though a full JDK has them: jdk.crypto.ec (empty since JDK 22: the elliptic curves of
# TLS are in java.base's SunEC; checked with TLS 1.3 to two hosts, and ECDSA, ECDH and X25519 on
# this runtime), java.management (logback needs it only for JMX configuration, which the app does
# not use), jdk.localedata (the app formats in English), jdk.charsets (UTF-8 and the platform's
# own charsets are in java.base), jdk.zipfs, jdk.jfr.

# timed COMMAND... : runs it, and logs how long it took.
timed() {
    local started=$SECONDS
    "$@"
    log "$1: $((SECONDS - started)) s"
}

jvm_tuning_options() {
    sed -e 's/#.*//' -e 's/[[:space:]]*$//' packaging/jvm-options | grep -v '^$' || true
}

project_version() {
    # The project's own <version>, the first one at two spaces of indentation in pom.xml;
    # installers take numbers only.
    local version
    version=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
    [[ -n $version ]] || die "no <version> in pom.xml"
    echo "${version%%-*}"
}

detect_os() {
    case "$(uname -s)" in
        Linux) echo linux ;;
        Darwin) echo macos ;;
        MINGW* | MSYS* | CYGWIN*) echo windows ;;
        *) die "cannot build an installer on $(uname -s)" ;;
    esac
}

build_jar() {
    log "building the jar (mvn -B -DskipTests package)"
    mvn -B -q -DskipTests package
}

# The jars of target/lib: JavaFX's platform jars (modular, with the natives) go into the runtime,
# the rest onto the class path. JavaFX's jars without a platform classifier are empty (a
# manifest); they are left out.
split_jars() {
    FX_JARS=()
    CLASS_PATH_JARS=()
    local jar listing
    for jar in target/lib/*.jar; do
        if [[ $(basename "$jar") == javafx-* ]]; then
            listing=$(jar tf "$jar")
            if grep -qx module-info.class <<<"$listing"; then
                FX_JARS+=("$jar")
            fi
        else
            CLASS_PATH_JARS+=("$jar")
        fi
    done
    ((${#FX_JARS[@]} > 0)) || die "no JavaFX platform jars in target/lib: run without --skip-maven"
}

# jlink: the runtime, with JavaFX as modules. On Linux JavaFX's native libraries are taken out of
# the modules and put beside the JDK's own in runtime/lib, where JavaFX looks first (its
# NativeLibLoader, for a runtime image: java.home/lib); otherwise it would copy them out of the
# modules into ~/.openjfx/cache at every start. Windows and macOS keep JavaFX's default (copied
# out at the first start): untested there.
# How the classes in the runtime's lib/modules are compressed: on Linux not at all by default,
# because the .deb's xz then makes 15 MB of that file instead of 32 MB of a zip-6 one (the .deb:
# 33 MB instead of 49 MB; the issue's target is under 45 MB). The price, measured on this project's
# machine with the tray app idle and hidden: ~19 MB more resident memory, as the JVM maps more
# pages of the larger file (modules: ~42 MB resident instead of ~19 MB); the installed app has
# ~124 MB instead of ~84 MB. PACKAGING_RUNTIME_COMPRESSION=zip-6 builds the other way. Windows
# and macOS: zip-6 (not measured).
readonly LINUX_RUNTIME_COMPRESSION=${PACKAGING_RUNTIME_COMPRESSION:-zip-0}

build_runtime() {
    local os=$1 runtime=$WORK/runtime separator=: module_path compress=zip-6
    [[ $os == windows ]] && separator=';'
    module_path=$(IFS=$separator; echo "${FX_JARS[*]}")
    local natives=()
    if [[ $os == linux ]]; then
        compress=$LINUX_RUNTIME_COMPRESSION
        natives=(--exclude-resources='glob:/javafx.*/*.so,glob:/javafx.graphics/javafx-swt.jar')
    fi
    rm -rf "$runtime"
    log "jlink: ${MODULES[*]}"
    jlink --module-path "$module_path" \
        --add-modules "$(IFS=,; echo "${MODULES[*]}")" \
        ${natives[@]+"${natives[@]}"} \
        --strip-debug --no-man-pages --no-header-files --compress="$compress" \
        --output "$runtime"
    if [[ $os == linux ]]; then
        local jar libraries
        for jar in "${FX_JARS[@]}"; do
            jar=$PWD/$jar
            mapfile -t libraries < <(jar tf "$jar" | grep -E '^[^/]+\.so$' || true)
            if ((${#libraries[@]} > 0)); then
                (cd "$runtime/lib" && jar xf "$jar" "${libraries[@]}")
            fi
        done
        chmod 644 "$runtime"/lib/*.so
    fi
}

# What jpackage copies into the app: the app's jar and the class-path jars, in lib/ beside it as
# the jar's manifest names them.
stage_input() {
    rm -rf "$WORK/input"
    mkdir -p "$WORK/input/lib"
    cp target/$NAME.jar "$WORK/input/"
    cp "${CLASS_PATH_JARS[@]}" "$WORK/input/lib/"
}

# What the app image is made of: the same for every OS.
app_options() {
    local os=$1 option
    APP=(
        --input "$WORK/input"
        --main-jar "$NAME.jar"
        --main-class "$MAIN_CLASS"
        --runtime-image "$WORK/runtime"
        # JavaFX's natives are loaded by javafx.graphics (a module in the runtime), JNA's and the
        # app's by the class path (unnamed); without this the JVM warns at each start.
        --java-options "--enable-native-access=ALL-UNNAMED,javafx.graphics"
    )
    if [[ $os == linux ]]; then
        # AWT (the tray) must load GTK 3 as JavaFX does, or JavaFX cannot start.
        APP+=(--java-options "-Djdk.gtk.version=3")
    fi
    while IFS= read -r option; do
        APP+=(--java-options "$option")
    done < <(jvm_tuning_options)
}

# What names the app and its package.
package_options() {
    local version=$1
    PACKAGE=(
        --name "$NAME"
        --app-version "$version"
        --vendor "$VENDOR"
        --description "$(sed -n 's:^  <description>\(.*\)</description>.*:\1:p' pom.xml | head -n 1)"
        --copyright "Copyright (C) $(date +%Y) $VENDOR"
        ${PACKAGING_VERBOSE:+--verbose}
    )
}

# The .deb's Depends are written out in packaging/linux/jpackage-resources/control (a control
# file allows no comments, so the reasons are here), instead of jpackage's own list: jpackage
# lists every library `ldd` shows, the dependencies of dependencies too, under the package names
# of the machine that builds, so that a .deb built on Ubuntu 24.04 would ask for libgtk-3-0t64,
# which Debian 12 does not have. The list holds the libraries that the runtime's natives link to
# themselves (objdump -p | grep NEEDED over runtime/lib), under the names both Debian 12 and
# Ubuntu know: JavaFX's glass (GTK 3, libXtst, libX11), prism (libGL, libXxf86vm, libX11) and
# fonts (pango, fontconfig, freetype, which GTK 3 brings); AWT's X11 toolkit for the tray (libX11,
# libXext, libXi, libXrender, libXtst); glibc 2.17 or newer (the newest GLIBC_ symbol version they
# use). libjsound's libasound2 is left out: the app plays no sound, so it is never loaded.

build_linux() {
    local version=$1 built=0 image=$WORK/image/$NAME
    rm -rf "$WORK/image"
    log "jpackage: the app image"
    timed jpackage "${PACKAGE[@]}" "${APP[@]}" --type app-image --dest "$WORK/image"
    timed add_aot_cache "$image"
    if command -v dpkg-deb >/dev/null; then
        command -v fakeroot >/dev/null || die "jpackage needs fakeroot for a .deb: apt-get install fakeroot"
        log "jpackage: .deb"
        # No --icon and no --linux-shortcut: either makes jpackage install a menu entry with
        # xdg-utils at post-install, which fails where the desktop's menu folders do not exist.
        # The menu entry and icon come with add_system_files_to_deb instead. jpackage's
        # dpkg-deb does not compress: that package is rebuilt, and compressed once, there.
        DPKG_DEB_COMPRESSOR_TYPE=none timed jpackage "${PACKAGE[@]}" --app-image "$image" --type deb --dest "$OUT" \
            --resource-dir packaging/linux/jpackage-resources \
            --linux-app-category utils
        local deb
        deb=$(ls "$OUT"/${NAME}_"${version}"*.deb)
        timed add_system_files_to_deb "$deb" "$image"
        log "built $deb ($(du -h "$deb" | cut -f1))"
        built=1
    fi
    if command -v rpmbuild >/dev/null; then
        # Untested: this project's machine has no rpmbuild. No menu entry or /usr/bin link yet.
        log "jpackage: .rpm"
        jpackage "${PACKAGE[@]}" --app-image "$image" --type rpm --dest "$OUT" \
            --linux-package-deps "gtk3, mesa-libGL, libXxf86vm, libXtst"
        built=1
    else
        log "no rpmbuild on this machine: no .rpm built"
    fi
    ((built)) || die "neither dpkg-deb nor rpmbuild found: cannot build a Linux package"
}

# The JDK's AOT cache (JEP 483 and 514): the classes the app loads at start, already read,
# verified and linked, recorded by a training run of the app image itself and mapped from the file
# at every start after. It brings the tray app's cold start under a second on this project's
# machine (see README, "Benchmark"). The cache holds only what the runtime and the class path of
# this image load, so it is made here, after jpackage, and not shipped when the training fails.
# Linux only: the training needs a display, a tray host and a keychain, which the other OSes'
# builds (on CI runners) do not set up; their installers start without a cache.
add_aot_cache() {
    local image=$1 config=$1/lib/app/$NAME.cfg cache=$1/lib/app/$NAME.aot option
    rm -f "$cache"
    # The training run writes the cache when it exits; then the app reads it, from wherever the
    # package installs it ($APPDIR). Without the method profiles of JEP 515
    # (-XX:-AOTRecordTraining, a diagnostic option, used here only): with them every start
    # compiles at once what the training's login made hot, code that the app idling hidden does
    # not run (2 MB more resident memory; README, "Benchmark").
    local training=(-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining "-XX:AOTCacheOutput=$cache")
    for option in "${training[@]}"; do
        echo "java-options=$option" >>"$config"
    done
    local logs=$PWD/$WORK/aot-training
    rm -rf "$logs" && mkdir -p "$logs"
    log "AOT cache: a training run of the app image in a headless desktop (logs in $logs)"
    if ! (use_throwaway_home aot-training
        # The native tray (StatusNotifierItem), as on most Linux desktops: its start path, and no
        # AWT, is what the cache holds.
        export TEST_DESKTOP_LOGS=$logs TOKENTRAY_TEST_KEYRING_PASSWORD TEST_DESKTOP_SNI_HOST=1
        TOKENTRAY_TEST_KEYRING_PASSWORD=$(mcookie)
        dbus-run-session -- bash scripts/lib/with-test-desktop.sh \
            bash packaging/linux/aot-training.sh "$image/bin/$NAME" "$logs") >"$logs/training.log" 2>&1; then
        cat "$logs/training.log" >&2
        die "the AOT cache's training run failed (its logs: $logs)"
    fi
    grep -vxF -f <(printf 'java-options=%s\n' "${training[@]}") "$config" >"$config.new"
    mv "$config.new" "$config"
    [[ -s $cache ]] || die "the training run wrote no AOT cache $cache (its logs: $logs)"
    chmod 644 "$cache"
    echo "java-options=-XX:AOTCache=\$APPDIR/$NAME.aot" >>"$config"
    log "AOT cache: $(du -h "$cache" | cut -f1)"
}

# jpackage installs the app under /opt/upstox-token-tray only. The rest of a desktop install is
# added here to the package itself, so that dpkg owns (and removes) every file:
#   /usr/bin/upstox-token-tray                         the command (see write_start_script)
#   /usr/share/applications/upstox-token-tray.desktop  the menu entry
#   /usr/share/icons/hicolor/*/apps/upstox-token-tray.{png,svg}  its icon
#   /usr/share/icons/hicolor/*/status/upstox-token-tray-STATE.{png,svg}  the tray's state icons, which
#                                                      the StatusNotifierItem names (ui/tray/sni/SniIcons)
# Debian's triggers (desktop-file-utils, the GTK icon cache), where installed, update the menus:
# no maintainer script is needed.
add_system_files_to_deb() {
    local deb=$1 image=$2 tree=$WORK/deb-tree size file
    rm -rf "$tree"
    dpkg-deb -R "$deb" "$tree"
    # jpackage's .deb gives its files the time it copied them; the AOT cache (add_aot_cache) holds
    # the times the class path's jars had at its training, and the JVM refuses the cache when a
    # jar's time differs ("timestamp has changed"): every start would then go without it. So the
    # installed files keep the app image's times.
    while IFS= read -r -d '' file; do
        touch -c -r "$image/$file" "$tree/opt/$NAME/$file"
    done < <(cd "$image" && find . -type f -print0)
    mkdir -p "$tree/usr/bin" "$tree/usr/share/applications"
    write_start_script "$tree/opt/$NAME/lib/app/$NAME.cfg" "$tree/usr/bin/$NAME"
    install -m 644 packaging/linux/$NAME.desktop "$tree/usr/share/applications/$NAME.desktop"
    local png px
    for png in icons/app/app-*.png; do
        px=$(basename "$png" .png)
        px=${px#app-}
        ((px <= 512)) || continue # the largest size of the hicolor theme
        install -D -m 644 "$png" "$tree/usr/share/icons/hicolor/${px}x${px}/apps/$NAME.png"
    done
    install -D -m 644 icons/app.svg "$tree/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
    local state tray_icons=src/main/resources/dev/tokentray/ui/icons
    for state in valid expiring expired renewing attention; do
        install -D -m 644 "icons/tray-$state.svg" "$tree/usr/share/icons/hicolor/scalable/status/$NAME-$state.svg"
        for px in 16 22 24 32; do
            install -D -m 644 "$tray_icons/tray-$state-$px.png" \
                "$tree/usr/share/icons/hicolor/${px}x${px}/status/$NAME-$state.png"
            install -D -m 644 "$tray_icons/tray-$state-$px@2x.png" \
                "$tree/usr/share/icons/hicolor/${px}x${px}@2/status/$NAME-$state.png"
        done
    done
    size=$(du -sk --exclude=DEBIAN "$tree" | cut -f1)
    sed -i "s/^Installed-Size:.*/Installed-Size: $size/" "$tree/DEBIAN/control"
    # xz over the uncompressed runtime image (see build_runtime): half the size of zip-6 in it.
    # Level 9 (a 64 MB window, which the runtime's 75 MB modules file fills) makes a .deb 1.1 MB
    # smaller than level 6 for ~70 s more of building on 2 cores (xz -T2 on its data.tar,
    # 2026-12-04: 45.00 against 44.01 MB, 56 against 127 s).
    dpkg-deb --root-owner-group -Zxz -z9 --threads-max="$(nproc)" -b "$tree" "$deb" >/dev/null
    rm -rf "$tree"
}

# write_start_script CFG SCRIPT : the command /usr/bin/upstox-token-tray, which the menu entry and
# the start at login use too. It starts the runtime's java with exactly what jpackage's launcher
# reads from its .cfg (class path, main class, JVM options), written out at build time. Not
# jpackage's launcher itself: at every start that forks, and asks rpm and then dpkg (twice) which
# package owns it, to find its own library; on this project's machine ~150 ms of every start
# (`--version`: 0.23-0.29 s straight, 0.38-0.46 s through the launcher; /usr/bin/time, 5 runs).
write_start_script() {
    local config=$1 script=$2 app_dir=/opt/$NAME/lib/app class_path main_class option options=""
    class_path=$(sed -n 's/^app\.classpath=//p' "$config" | paste -sd:)
    main_class=$(sed -n 's/^app\.mainclass=//p' "$config")
    [[ -n $class_path && -n $main_class ]] || die "no class path or main class in $config"
    while IFS= read -r option; do
        options+=" '$option'"
    done < <(sed -n 's/^java-options=//p' "$config")
    # With JavaFX's software renderer, GTK is kept from loading OpenGL (ui/fx/GdkWithoutOpenGl) by
    # GDK_GL=disable. Set here, the app finds it set and needs no native call: the app calls
    # setenv through JNA otherwise, which costs the open window ~2 MB of resident memory (JNA's
    # classes and library; through the JDK's foreign function API ~4 MB), measured in demo mode
    # with the window open 60 s, the variable set beforehand or not, in turns: 137.5 and 138.6
    # against 139.8 and 140.6 MB. Only for the tray app (no command, or options alone): the
    # commands, and the programs `exec` starts, keep the user's environment as it is.
    local gdk_gl=""
    [[ $options == *"'-Dprism.order=sw'"* ]] && gdk_gl='case "${1-}" in ""|-*) export GDK_GL="${GDK_GL-disable}" ;; esac'
    # jpackage.app-path names the command that starts the app again (AppCommand: start at login).
    cat >"$script" <<SCRIPT
#!/bin/sh
# Upstox Token Tray: the tray app, or with a command the command line (--help).
# Made by packaging/build.sh from $app_dir/$NAME.cfg.
$gdk_gl
exec /opt/$NAME/lib/runtime/bin/java${options//\$APPDIR/$app_dir} '-Djpackage.app-path=/usr/bin/$NAME' \\
    -cp '${class_path//\$APPDIR/$app_dir}' $main_class "\$@"
SCRIPT
    chmod 755 "$script"
}

build_windows() {
    log "jpackage: .msi"
    jpackage "${PACKAGE[@]}" "${APP[@]}" --dest "$OUT" --type msi \
        --icon icons/app.ico \
        --win-per-user-install \
        --win-menu --win-menu-group "Upstox Token Tray" \
        --win-upgrade-uuid "$WINDOWS_UPGRADE_UUID" \
        --add-launcher "$NAME-cli=packaging/windows/$NAME-cli.properties"
}

build_macos() {
    # jpackage refuses a macOS version (CFBundleVersion) whose first number is 0.
    [[ ${1%%.*} != 0 ]] || die "jpackage builds no .dmg of version $1: on macOS the first number must be 1 or more; set <version> in pom.xml to 1.0.0 or later"
    log "jpackage: .dmg"
    jpackage "${PACKAGE[@]}" "${APP[@]}" --dest "$OUT" --type dmg \
        --icon icons/app.icns \
        --mac-package-identifier dev.tokentray.upstox-token-tray \
        --resource-dir packaging/macos
}

main() {
    local skip_maven=0 os version
    case "${1:-}" in
        --skip-maven) skip_maven=1 ;;
        "") ;;
        *) die "usage: bash packaging/build.sh [--skip-maven]" ;;
    esac
    os=$(detect_os)
    if [[ $os == windows && -n ${JAVA_HOME:-} ]] && command -v cygpath >/dev/null; then
        JAVA_HOME=$(cygpath -u "$JAVA_HOME") # C:\... would break PATH in Git Bash (untested)
    fi
    if [[ $os == linux ]] && command -v apt-get >/dev/null; then
        install_missing_system_packages "${PACKAGING_SYSTEM_PACKAGES[@]}"
    fi
    use_jdk "$REQUIRED_JDK"
    version=$(project_version)
    local started=$SECONDS
    ((skip_maven)) || timed build_jar
    [[ -f target/$NAME.jar ]] || die "no target/$NAME.jar: run without --skip-maven"
    split_jars
    timed build_runtime "$os"
    stage_input
    mkdir -p "$OUT"
    rm -f "$OUT"/*
    app_options "$os"
    package_options "$version"
    "build_$os" "$version"
    log "done in $((SECONDS - started)) s: $(ls "$OUT")"
}

main "$@"
