#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the test suite: no system service, no TCP.
#
#   bash tools/pg_test_server.sh start DIR   # prints the SQLAlchemy URL on stdout
#   bash tools/pg_test_server.sh stop DIR
#
# The cluster lives in DIR/data, listens only on the unix socket DIR/.s.PGSQL.<port>
# (port 54329, override with GWR_PG_TEST_PORT), logs to DIR/postgresql.log and trusts
# every local connection. As root the server runs as the `postgres` user and DIR is
# given to it; as another user it runs as that user. Binaries are taken from
# GWR_PG_BINDIR, else the newest /usr/lib/postgresql/*/bin (15 preferred), else PATH.
# The data is disposable: fsync is off.
set -euo pipefail

usage() {
    echo "usage: $0 start|stop DIR" >&2
    exit 2
}

[[ $# -eq 2 ]] || usage
cmd="$1"
dir="$2"
port="${GWR_PG_TEST_PORT:-54329}"

find_bindir() {
    if [[ -n "${GWR_PG_BINDIR:-}" ]]; then
        echo "$GWR_PG_BINDIR"
        return
    fi
    if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
        echo /usr/lib/postgresql/15/bin
        return
    fi
    local candidate
    candidate="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$candidate" && -x "$candidate/initdb" ]]; then
        echo "$candidate"
        return
    fi
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return
    fi
    echo "pg_test_server: no PostgreSQL initdb found (install postgresql: bash tools/setup_system.sh)" >&2
    exit 1
}

# Run a command as the cluster owner: `postgres` when we are root, ourselves otherwise.
# From / so that postgres never has to enter a caller's private working directory.
as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

bindir="$(find_bindir)"

case "$cmd" in
start)
    # The URL carries DIR verbatim, and the socket path has a kernel length limit.
    if [[ ! "$dir" =~ ^[A-Za-z0-9/._-]+$ ]]; then
        echo "pg_test_server: DIR must contain only [A-Za-z0-9/._-]: $dir" >&2
        exit 1
    fi
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd -P)"
    if (( ${#dir} + ${#port} + 10 > 107 )); then
        echo "pg_test_server: DIR path too long for a unix socket: $dir" >&2
        exit 1
    fi
    if [[ "$(id -u)" -eq 0 ]]; then
        chown postgres: "$dir"
        if ! runuser -u postgres -- test -w "$dir"; then
            echo "pg_test_server: user postgres cannot reach $dir (is a parent directory private?)" >&2
            exit 1
        fi
    fi
    url="postgresql+psycopg://postgres@/postgres?host=${dir}&port=${port}"

    if as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        echo "pg_test_server: already running in $dir" >&2
        echo "$url"
        exit 0
    fi
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        if ! as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 \
            --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
            cat "$dir/initdb.log" >&2
            echo "pg_test_server: initdb failed" >&2
            exit 1
        fi
    fi
    if ! as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgresql.log" \
        -o "-p $port -k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        -w -t 60 start >&2; then
        cat "$dir/postgresql.log" >&2 || true
        echo "pg_test_server: server did not start" >&2
        exit 1
    fi
    echo "$url"
    ;;
stop)
    if [[ -d "$dir" ]]; then
        dir="$(cd "$dir" && pwd -P)"
    fi
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2
    else
        echo "pg_test_server: no server running in $dir" >&2
    fi
    ;;
*)
    usage
    ;;
esac
