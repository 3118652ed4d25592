# A throwaway PostgreSQL server of the Debian packages, for the scripts that need one server
# that several Inkwell instances share (bench/cluster_bench.sh) or whose pg_dump/pg_restore
# match it (bench/backup_restore_check.sh). Sourced after bench/server.sh (uses log and die).
# Plain bash; safe under `set -euo pipefail`.
#
# Why not the embedded PostgreSQL: it is 16 and its jar bundles initdb, pg_ctl and postgres
# only (no pg_dump, pg_restore or psql), while Debian 12's client programs are 15, and pg_dump
# refuses a server newer than itself. One version for server and tools avoids that.
#
# Functions
#   pg_start DIR PORT     initdb in DIR/cluster (fresh), start on 127.0.0.1:PORT (and a socket in
#                         DIR), password auth; sets PG_BIN, PG_DIR, PG_PORT, PG_USER, PG_PASSWORD.
#                         Installs the Debian `postgresql` package first when it is missing and
#                         this runs as root (apt-get); as root the server runs as `postgres`.
#   pg_stop               fast shutdown of the server pg_start started (no-op when none)
#   pg_tool PROG ARGS...  runs PG_BIN/PROG (psql, pg_dump, pg_restore, createdb...) against it
#   pg_jdbc_url DB        jdbc:postgresql://127.0.0.1:PORT/DB
#   pg_server_env DB      fills SERVER_ENV (bench/server.sh) so a server uses database DB

PG_BIN=""
PG_DIR=""
PG_PORT=""
PG_USER=inkwell
PG_PASSWORD=""

# The newest installed PostgreSQL's programs, e.g. /usr/lib/postgresql/15/bin.
pg_find_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
    [[ -n $dir && -x $dir/pg_ctl ]] && echo "$dir"
}

# Runs a server-side program as the account that owns the cluster.
pg_as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_start() {
    local dir=$1 port=$2
    PG_BIN=$(pg_find_bin || true)
    if [[ -z $PG_BIN ]]; then
        [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null \
            || die "PostgreSQL's server programs are needed (apt-get install postgresql)"
        log "installing the Debian postgresql package (apt-get)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >/dev/null 2>&1 \
            || { apt-get update >/dev/null 2>&1 \
                 && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >/dev/null 2>&1; } \
            || die "could not install postgresql"
        PG_BIN=$(pg_find_bin) || die "postgresql installed, but no /usr/lib/postgresql/*/bin/pg_ctl"
    fi
    PG_DIR=$dir
    PG_PORT=$port
    PG_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    rm -rf -- "$dir"
    mkdir -p "$dir"
    printf '%s\n' "$PG_PASSWORD" >"$dir/pwfile"
    if [[ $(id -u) -eq 0 ]]; then
        chmod 0755 "$(dirname "$dir")"
        chown -R postgres: "$dir"
    fi
    chmod 0700 "$dir"
    log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $3 }') on 127.0.0.1:$port ($dir)"
    pg_as_owner "$PG_BIN/initdb" -D "$dir/cluster" -U "$PG_USER" --pwfile="$dir/pwfile" \
        --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    rm -f "$dir/pwfile"
    pg_as_owner "$PG_BIN/pg_ctl" -D "$dir/cluster" -l "$dir/postgres.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200" \
        start >/dev/null || { tail -n 20 "$dir/postgres.log" >&2; die "PostgreSQL did not start"; }
}

pg_stop() {
    [[ -n $PG_DIR && -f $PG_DIR/cluster/postmaster.pid ]] || return 0
    log "stopping PostgreSQL ($PG_DIR)"
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/cluster" -m fast -w stop >/dev/null 2>&1 || true
}

pg_tool() {
    local prog=$1
    shift
    PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=$PG_USER PGPASSWORD=$PG_PASSWORD "$PG_BIN/$prog" "$@"
}

pg_jdbc_url() { echo "jdbc:postgresql://127.0.0.1:$PG_PORT/$1"; }

pg_server_env() {
    SERVER_ENV=(QUARKUS_DATASOURCE_JDBC_URL="$(pg_jdbc_url "$1")" QUARKUS_DATASOURCE_USERNAME="$PG_USER"
                QUARKUS_DATASOURCE_PASSWORD="$PG_PASSWORD")
}
