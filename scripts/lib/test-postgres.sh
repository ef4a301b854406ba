# shellcheck shell=bash
# A throwaway PostgreSQL for the audit trail's tests. Source it (with-test-desktop.sh does), then
# start_postgres; stop_postgres at exit. The cluster lives in its own folder under /tmp (initdb),
# listens on a free loopback port with its socket in that folder (never /run/postgresql), skips
# fsync (nothing in it is kept), and is thrown away at the end. initdb refuses to run as root: as
# root the cluster runs as Debian's `postgres` user (runuser), which owns only that folder.
#
# Exports, for the tests: TOKENTRAY_TEST_POSTGRES_PORT, the database TOKENTRAY_TEST_POSTGRES_DB
# owned by the app's role TOKENTRAY_TEST_POSTGRES_USER (password TOKENTRAY_TEST_POSTGRES_PASSWORD),
# the superuser `admin` (TOKENTRAY_TEST_POSTGRES_ADMIN_PASSWORD) for reading back, and
# TOKENTRAY_TEST_POSTGRES_CTL, a script that stops and starts the same cluster (`CTL stop|start`),
# for the tests of a database that goes away mid-run.

POSTGRES_FOLDER=

start_postgres() {
    local bin attempt
    bin=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1)
    [[ -x $bin/initdb ]] || die "PostgreSQL's initdb is missing: install the postgresql package"
    POSTGRES_FOLDER=$(mktemp -d /tmp/tokentray-test-postgres.XXXXXX)
    export TOKENTRAY_TEST_POSTGRES_USER=tray TOKENTRAY_TEST_POSTGRES_DB=audit
    export TOKENTRAY_TEST_POSTGRES_PASSWORD TOKENTRAY_TEST_POSTGRES_ADMIN_PASSWORD TOKENTRAY_TEST_POSTGRES_PORT
    export TOKENTRAY_TEST_POSTGRES_CTL=$POSTGRES_FOLDER/ctl
    TOKENTRAY_TEST_POSTGRES_PASSWORD=$(mcookie)
    TOKENTRAY_TEST_POSTGRES_ADMIN_PASSWORD=$(mcookie)
    (umask 077 && printf '%s\n' "$TOKENTRAY_TEST_POSTGRES_ADMIN_PASSWORD" >"$POSTGRES_FOLDER/admin-password")
    local as_owner=""
    if [[ $EUID -eq 0 ]]; then
        chown postgres: "$POSTGRES_FOLDER" "$POSTGRES_FOLDER/admin-password"
        as_owner="runuser -u postgres --"
    fi
    $as_owner "$bin/initdb" -D "$POSTGRES_FOLDER/data" -U admin --pwfile="$POSTGRES_FOLDER/admin-password" \
        --auth=scram-sha-256 --no-sync >"$TEST_DESKTOP_LOGS/postgres-initdb.log" 2>&1 \
        || die "initdb failed; its log is $TEST_DESKTOP_LOGS/postgres-initdb.log"
    rm -f "$POSTGRES_FOLDER/admin-password"
    # A port another run may take between the pick and the bind: then the next pick.
    for attempt in 1 2 3 4 5; do
        TOKENTRAY_TEST_POSTGRES_PORT=$((20000 + RANDOM % 30000))
        (umask 077 && cat >"$TOKENTRAY_TEST_POSTGRES_CTL" <<EOF
#!/usr/bin/env bash
# ctl start|stop [pg_ctl options] : the test PostgreSQL, as its owner; waits until it is up or down.
exec $as_owner $bin/pg_ctl -D $POSTGRES_FOLDER/data -l $POSTGRES_FOLDER/postgres.log -w -t 30 \\
    -o "-k $POSTGRES_FOLDER -p $TOKENTRAY_TEST_POSTGRES_PORT -c listen_addresses=127.0.0.1 -c fsync=off" "\$@"
EOF
        )
        chmod 700 "$TOKENTRAY_TEST_POSTGRES_CTL"
        if "$TOKENTRAY_TEST_POSTGRES_CTL" start >/dev/null 2>&1; then
            PGPASSWORD=$TOKENTRAY_TEST_POSTGRES_ADMIN_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 \
                -p "$TOKENTRAY_TEST_POSTGRES_PORT" -U admin -d postgres >/dev/null <<EOF \
                || die "could not create the test role and database"
CREATE ROLE $TOKENTRAY_TEST_POSTGRES_USER LOGIN PASSWORD '$TOKENTRAY_TEST_POSTGRES_PASSWORD';
CREATE DATABASE $TOKENTRAY_TEST_POSTGRES_DB OWNER $TOKENTRAY_TEST_POSTGRES_USER;
EOF
            return
        fi
        log "PostgreSQL did not start on port $TOKENTRAY_TEST_POSTGRES_PORT (attempt $attempt); trying another port"
    done
    die "PostgreSQL did not start; its log is $POSTGRES_FOLDER/postgres.log"
}

stop_postgres() {
    if [[ -n $POSTGRES_FOLDER && -d $POSTGRES_FOLDER ]]; then
        "$TOKENTRAY_TEST_POSTGRES_CTL" stop -m immediate >/dev/null 2>&1 || true
        cp "$POSTGRES_FOLDER/postgres.log" "$TEST_DESKTOP_LOGS/postgres.log" 2>/dev/null || true
        rm -rf "$POSTGRES_FOLDER"
    fi
}
