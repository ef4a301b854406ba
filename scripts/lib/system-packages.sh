# shellcheck shell=bash
# The Debian packages the app and its tests need, and their installation. Source it.

# What running the app from source needs: the build, and JavaFX's native side.
RUN_SYSTEM_PACKAGES=(
    maven                               # the build itself
    libgtk-3-0 libgl1                   # JavaFX's native side ("Unable to load glass GTK library" without)
)

# The one list of what the tests need from the system: add new needs here (e.g. chromium).
TEST_SYSTEM_PACKAGES=(
    maven                               # the build itself
    xvfb xauth x11-utils imagemagick    # a real X display; `import` takes screenshots of it
    libgtk-3-0 libgl1                   # JavaFX's native side ("Unable to load glass GTK library" without)
    trayer                              # a tray host (XEmbed) for the AWT tray icon
    xdotool                             # clicks the tray icon open for the tray menu's screenshot
    gnome-keyring dbus libsecret-tools  # a real Secret Service keychain, and secret-tool to look into it
    libglib2.0-bin                      # gio, which runs an autostart entry as a desktop would
    procps                              # kill, with which a test freezes the keyring daemon
    dunst libnotify-bin                 # a notification daemon, and notify-send
    fakeroot binutils                   # jpackage's .deb packaging
    chromium chromium-driver            # a real browser for the browser login's tests, driven by Selenium
    xdg-utils                           # xdg-open, through which the app opens the system browser
    curl                                # the packaging test asks the installed simulator over HTTP
    desktop-file-utils                  # the packaging test validates the menu entry; its dpkg trigger updates the menus
    redis-server redis-tools            # a real Redis for the Redis output's tests (redis-cli checks that it answers)
    openssl                             # the test Redis's throwaway TLS certificates
    python3-redis                       # runs the README's redis-py lines against that Redis
    postgresql                          # a real PostgreSQL (initdb, pg_ctl, psql) for the audit trail's tests
)

# What the benchmark (scripts/bench.sh) needs: the test desktop's parts, without the test-only tools.
BENCH_SYSTEM_PACKAGES=(
    maven                               # the build itself
    xvfb xauth x11-utils                # a real X display; xwininfo finds the tray icon and the window
    libgtk-3-0 libgl1                   # JavaFX's native side
    trayer                              # a tray host (XEmbed) for the AWT tray icon
    gnome-keyring dbus libsecret-tools  # a real Secret Service keychain; secret-tool removes the token between runs
    dunst libnotify-bin                 # a notification daemon, as on a desktop
    procps                              # kill, ps
    redis-server redis-tools openssl    # the time from a new token to Redis (the test desktop's Redis)
)

# What the Linux installer's build (packaging/build.sh) needs: jpackage's .deb tools, and the
# headless desktop in which the app trains its AOT cache.
PACKAGING_SYSTEM_PACKAGES=(
    maven                               # the jar
    fakeroot binutils                   # jpackage's .deb packaging
    xvfb xauth libgtk-3-0 libgl1        # a display, and JavaFX's native side
    trayer                              # a tray host, for the tray icon
    gnome-keyring dbus                  # a Secret Service keychain on a private session bus
    dunst                               # a notification daemon
)

# missing_system_packages PACKAGE... : prints those not installed.
missing_system_packages() {
    local package
    for package in "$@"; do
        if [[ $(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null) != installed ]]; then
            echo "$package"
        fi
    done
}

# install_missing_system_packages PACKAGE... : installs only what is missing, so that a re-run
# does not touch apt at all (fast, and no root needed once the machine is set up).
install_missing_system_packages() {
    local missing
    mapfile -t missing < <(missing_system_packages "$@")
    if ((${#missing[@]} == 0)); then
        return
    fi
    log "installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    # Recommends would pull in a desktop's worth of extras (ghostscript, fonts, themes) that no test uses.
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
