# Server lifecycle shared by the benchmark scripts (bench/read_bench.sh, bench/import_bench.sh).
# Sourced, not run:   source "$SCRIPT_DIR/server.sh"
# Plain bash; safe under `set -euo pipefail`. Defines functions and two state variables, and
# does nothing else when sourced (the caller installs the traps with server_traps).
#
# Inputs: variables the caller sets before sourcing (SCRIPT_DIR, REPO_DIR, LOG_PREFIX, and OUT_DIR
# for a one-server script) or may set to replace the defaults in brackets
#   LOG_PREFIX       tag of the log lines, e.g. "read_bench" -> "[read_bench 12:00:00] ..."
#   REPO_DIR         the repository root (where ./mvnw is; the build runs there)
#   OUT_DIR          where a one-server script keeps its files (the defaults below use it)
#   JAR              the packaged server [$REPO_DIR/target/quarkus-app/quarkus-run.jar]
#   DATA_DIR         the server's data dir; deleted and recreated by start_server [$OUT_DIR/data]
#   BLOG_DIR         the generated data set [$OUT_DIR/blog]
#   LOG_FILE         the server's stdout and stderr; emptied by start_server [$OUT_DIR/server.log]
#   PID_FILE         where the launcher writes the JVM's pid [$DATA_DIR/server.pid]
#   PORT             the HTTP port (the server listens on 127.0.0.1 only) [8080]
#   BASE_URL         [http://127.0.0.1:$PORT]
#   TOKEN            the admin token (INKWELL_ADMIN_TOKEN) [bench-token]
#   THREADS, WARMUP  wrk's threads [2] and warm-up run [5s]; LOAD_WORKERS [8] load_posts.py's clients
#   GENERATOR        the data set generator [$BLOG_DATA_GENERATOR, else bench/gen_blog_data.py]
#   JAVA_OPTS        JVM options, word-split into separate arguments [the small-server flags]
#   MALLOC_ARENA_MAX glibc malloc arenas of the server [2]; the default (8 per core) costs ~50 MB of RSS
#   STARTUP_TIMEOUT  seconds to wait for $BASE_URL/q/health/ready [180]
#   CLEANUP_HOOK     optional: the name of a function the EXIT trap calls before stop_server
#                    (e.g. to stop a sampler); empty or unset for none
#   SERVER_ENV       optional array of NAME=value the server gets too, e.g. an external database
#                    (QUARKUS_DATASOURCE_JDBC_URL=...; bench/pg.sh's pg_server_env fills it);
#                    unset: the embedded PostgreSQL in DATA_DIR
#
# Outputs: variables the functions set
#   SERVER_PID       the JVM's pid once started; "" when not running (stop_server clears it)
#   LAUNCHER_PID     the pid of the background launcher (sh); "" when not running
#   STARTUP_SECONDS  seconds from launch until /q/health/ready answered (start_server)
#   JAVA_BIN         the java executable the server runs with (start_server)
#
# Functions
#   log MSG... / die MSG...     timestamped line on stderr / the same with "ERROR:" and exit 1
#   server_traps                EXIT trap: CLEANUP_HOOK, then stop_server; INT/TERM -> exit 130/143
#   check_prerequisites GEN     python3, curl and java on PATH; the blog data generator GEN exists
#   check_port_free             dies when something already answers on $BASE_URL
#   start_server                build if $JAR is missing, fresh $DATA_DIR, launch, wait until ready
#   stop_server                 SIGTERM and wait up to 45 s, then SIGKILL (and stop PostgreSQL)
#   start_instance DIR PORT     start_server with DATA_DIR=DIR/data, LOG_FILE=DIR/server.log on PORT,
#                               remembered in INSTANCES (pid pairs), SERVER_PID left empty
#   stop_instances              SIGTERM to every remembered instance at once, then stop_server each
#   postgres_pid                the embedded PostgreSQL postmaster's pid, or nothing
#   cpu_ticks                   "JVM PG": CPU time so far (clock ticks, user + system) of the
#                               server's JVM and of its embedded PostgreSQL (postmaster, its live
#                               processes and those it reaped; "none" for an external database);
#                               two readings bracket a run
#   confine_cpus                with CPUS set (e.g. CPUS=1.0): this script and everything it starts
#                               afterwards (server, PostgreSQL, wrk, nginx) share at most that many
#                               CPUs of time, through a cgroup of their own (needs root); a way to
#                               measure as on a slower or busier host. The kernel enforces the quota
#                               in 10 ms periods, so a confined run is burstier than a slow host:
#                               its tail latencies err on the high side. release_cpus (the EXIT
#                               trap calls it) removes the cgroup. Without CPUS: does nothing
#   start_nginx DIR PORT HTTP   nginx (not a daemon; its files in DIR) with these http-level lines
#                               (server blocks...); sets NGINX_PID. stop_nginx ends it.
#   wrk_measure NAME URL DUR [wrk args...]  a WARMUP run, then the measured one at THREADS and
#                               CONNECTIONS (kept in $OUT_DIR/wrk-NAME.txt); prints parse_wrk's line
#   mb KB                       "123 MiB" for a kB figure (kB / 1024), "n/a" for an empty one
#   host_line                   "<n> CPU(s) (<model>), <java -version>, JAVA_OPTS='...', embedded PostgreSQL,"
#   measure NAME URL DURATION [wrk args...]
#                               wrk warm-up ($WARMUP), then the measured run at $THREADS/$CONNECTIONS;
#                               appends "NAME|rps p50 p99 non2xx" to ROWS, sets LAST_RPS
#   print_rows                  the measured rows (ROWS) as a Markdown table
#   measure_random_pages PREFIX DURATION
#                               PREFIX-pages: random list pages by number (1..last);
#                               PREFIX-cursors: every cursor of the list, in random order

# The README's small-server flags (Speed): a heap that starts at 96 MB (its working size under load) and stops at 128 MB, and glibc's free memory given back to
# the system every 5 s (without it resident memory grew ~1.5 MB a minute under a writer).
SMALL_SERVER_JAVA_OPTS="-Xms96m -Xmx128m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError"
JAVA_OPTS=${JAVA_OPTS:-$SMALL_SERVER_JAVA_OPTS}

# The settings every benchmark shares, unless the script or the environment set them first.
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-5s}
PORT=${PORT:-8080}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-180}
LOAD_WORKERS=${LOAD_WORKERS:-8}
TOKEN=${TOKEN:-bench-token}
GENERATOR=${BLOG_DATA_GENERATOR:-$SCRIPT_DIR/gen_blog_data.py}
JAR=${JAR:-$REPO_DIR/target/quarkus-app/quarkus-run.jar}
BASE_URL=${BASE_URL:-http://127.0.0.1:$PORT}
# A script with one server names its OUT_DIR; its files go there.
if [[ -n ${OUT_DIR:-} ]]; then
    DATA_DIR=${DATA_DIR:-$OUT_DIR/data}
    BLOG_DIR=${BLOG_DIR:-$OUT_DIR/blog}
    LOG_FILE=${LOG_FILE:-$OUT_DIR/server.log}
    # In the data dir: written by the (possibly unprivileged) server user.
    PID_FILE=${PID_FILE:-$DATA_DIR/server.pid}
fi

SERVER_PID=""
LAUNCHER_PID=""
CPU_CGROUP=""

log() { printf '[%s %s] %s\n' "$LOG_PREFIX" "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

mb() { [[ -n $1 ]] && awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }' || echo "n/a"; }

# ---------------------------------------------------------------- server lifecycle
postgres_pid() {
    local pidfile=$DATA_DIR/postgres/postmaster.pid
    [[ -r $pidfile ]] && head -n1 "$pidfile" | tr -dc '0-9' || true
}

cpu_ticks() {
    local jvm=0 pg=none postmaster child ticks
    # /proc/PID/stat fields 14-17: utime, stime, cutime, cstime (after the command in parentheses).
    if [[ -n $SERVER_PID && -r /proc/$SERVER_PID/stat ]]; then
        jvm=$(sed 's/.*) //' "/proc/$SERVER_PID/stat" | awk '{ print $12 + $13 }')
    fi
    postmaster=$(postgres_pid)
    if [[ -n $postmaster && -r /proc/$postmaster/stat ]]; then
        pg=$(sed 's/.*) //' "/proc/$postmaster/stat" | awk '{ print $12 + $13 + $14 + $15 }')
        for child in $(pgrep -P "$postmaster" || true); do
            # Empty when the child ended meanwhile: its time is then in the postmaster's cutime.
            ticks=$(sed 's/.*) //' "/proc/$child/stat" 2>/dev/null | awk '{ print $12 + $13 }' || true)
            pg=$((pg + ${ticks:-0}))
        done
    fi
    echo "$jvm $pg"
}

stop_server() {
    if [[ -z $SERVER_PID ]]; then
        # Failed before the JVM's pid was known: end the launcher we started, if any.
        if [[ -n $LAUNCHER_PID ]]; then
            kill -TERM "$LAUNCHER_PID" 2>/dev/null || true
            wait "$LAUNCHER_PID" 2>/dev/null || true
            LAUNCHER_PID=""
        fi
        return 0
    fi
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        log "stopping server (pid $SERVER_PID, SIGTERM; it drains requests for up to 30 s)"
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        local i
        for ((i = 0; i < 45; i++)); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 1
        done
        if kill -0 "$SERVER_PID" 2>/dev/null; then
            log "server still running after 45 s, sending SIGKILL"
            kill -KILL "$SERVER_PID" 2>/dev/null || true
            # The JVM could not stop its embedded PostgreSQL: fast-shutdown it ourselves.
            local pg
            pg=$(postgres_pid)
            if [[ -n $pg ]] && kill -0 "$pg" 2>/dev/null; then
                kill -INT "$pg" 2>/dev/null || true
            fi
        fi
    fi
    if [[ -n $LAUNCHER_PID ]]; then
        wait "$LAUNCHER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
    LAUNCHER_PID=""
}

server_cleanup() {
    local rc=$?
    trap - EXIT
    if [[ -n ${CLEANUP_HOOK:-} ]]; then
        "$CLEANUP_HOOK"
    fi
    stop_server
    release_cpus
    exit "$rc"
}

server_traps() {
    trap server_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# ---------------------------------------------------------------- CPU quota (CPUS)
confine_cpus() {
    [[ -n ${CPUS:-} ]] || return 0
    local quota
    quota=$(awk -v cpus="$CPUS" 'BEGIN { if (cpus !~ /^[0-9]*\.?[0-9]+$/ || cpus * 10000 < 1000) exit 1; printf "%d", cpus * 10000 }') \
        || die "CPUS must be a number of CPUs of at least 0.1, e.g. CPUS=1.0"
    if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
        # cgroup v2: the cpu controller must be on for the root's children.
        CPU_CGROUP=/sys/fs/cgroup/inkwell-bench-$$
        echo +cpu > /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
        mkdir "$CPU_CGROUP" 2>/dev/null || die "CPUS needs root: cannot create $CPU_CGROUP"
        echo "$quota 10000" > "$CPU_CGROUP/cpu.max" || die "cannot set $CPU_CGROUP/cpu.max"
    elif [[ -d /sys/fs/cgroup/cpu ]]; then
        CPU_CGROUP=/sys/fs/cgroup/cpu/inkwell-bench-$$
        mkdir "$CPU_CGROUP" 2>/dev/null || die "CPUS needs root: cannot create $CPU_CGROUP"
        echo 10000 > "$CPU_CGROUP/cpu.cfs_period_us" && echo "$quota" > "$CPU_CGROUP/cpu.cfs_quota_us" \
            || die "cannot set the quota of $CPU_CGROUP"
    else
        die "CPUS needs the cgroup file system at /sys/fs/cgroup"
    fi
    echo $$ > "$CPU_CGROUP/cgroup.procs" || die "cannot move this script into $CPU_CGROUP"
    log "confined to $CPUS CPU(s) of time (quota $quota us every 10,000 us, $CPU_CGROUP)"
}

release_cpus() {
    [[ -n $CPU_CGROUP ]] || return 0
    echo $$ > "$(dirname "$CPU_CGROUP")/cgroup.procs" 2>/dev/null || true
    rmdir "$CPU_CGROUP" 2>/dev/null || log "left $CPU_CGROUP (processes still in it)"
    CPU_CGROUP=""
}

# ---------------------------------------------------------------- prerequisites
check_prerequisites() {
    local generator=$1
    command -v python3 >/dev/null || die "python3 is required"
    command -v curl >/dev/null || die "curl is required"
    command -v java >/dev/null || die "java (17+) is required"
    [[ -f $generator ]] || die "blog data generator not found at $generator (set BLOG_DATA_GENERATOR)"
}

check_port_free() {
    if curl -s -o /dev/null -m 2 "$BASE_URL/"; then
        die "something already listens on 127.0.0.1:$PORT; stop it first (or set PORT)"
    fi
}

# ---------------------------------------------------------------- build and start
start_server() {
    if [[ ! -f $JAR ]]; then
        # One build at a time on this machine (flock, when there); offline first, as a machine
        # with a filled ~/.m2 and no network can, then online as a clean clone needs.
        log "building (./mvnw -B -q package -DskipTests)"
        local -a lock=()
        command -v flock >/dev/null && lock=(flock /tmp/inkwell-mvn.lock)
        (cd "$REPO_DIR" && { "${lock[@]}" ./mvnw -B -q -o package -DskipTests 2>/dev/null \
            || "${lock[@]}" ./mvnw -B -q package -DskipTests; })
    fi
    [[ -f $JAR ]] || die "build did not produce $JAR"

    rm -rf -- "$DATA_DIR"
    mkdir -p "$DATA_DIR"
    : >"$LOG_FILE"
    rm -f -- "$PID_FILE"

    JAVA_BIN=$(command -v java)
    # sh records its own pid and then execs java, so the pid file holds the JVM's pid.
    local -a launch java_opts_arr
    launch=(sh -c 'echo $$ > "$1"; shift; exec "$@"' launcher "$PID_FILE"
            env -u QUARKUS_DATASOURCE_JDBC_URL -u QUARKUS_DATASOURCE_USERNAME -u QUARKUS_DATASOURCE_PASSWORD
            ${SERVER_ENV[@]+"${SERVER_ENV[@]}"}
            INKWELL_DATA_DIR="$DATA_DIR" INKWELL_ADMIN_TOKEN="$TOKEN" QUARKUS_HTTP_PORT="$PORT"
            QUARKUS_HTTP_HOST=127.0.0.1
            MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
            "$JAVA_BIN")
    # JAVA_OPTS is deliberately word-split into separate JVM options.
    read -r -a java_opts_arr <<<"$JAVA_OPTS"
    launch+=("${java_opts_arr[@]}" -jar "$JAR")

    # As root too: the server runs its embedded PostgreSQL under its own unprivileged account.
    log "starting server: MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} java $JAVA_OPTS -jar $JAR"
    "${launch[@]}" >>"$LOG_FILE" 2>&1 </dev/null &
    LAUNCHER_PID=$!

    local i
    for ((i = 0; i < 50; i++)); do
        [[ -s $PID_FILE ]] && break
        sleep 0.1
    done
    SERVER_PID=$(tr -dc '0-9' 2>/dev/null <"$PID_FILE" || true)
    [[ -n $SERVER_PID ]] || die "server did not start (see $LOG_FILE)"

    log "waiting up to ${STARTUP_TIMEOUT}s for $BASE_URL/q/health/ready (log: $LOG_FILE)"
    local start_wait=$SECONDS
    until curl -fsS -o /dev/null -m 2 "$BASE_URL/q/health/ready" 2>/dev/null; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            tail -n 40 "$LOG_FILE" >&2 || true
            die "server exited during startup"
        fi
        if ((SECONDS - start_wait >= STARTUP_TIMEOUT)); then
            tail -n 40 "$LOG_FILE" >&2 || true
            die "server not ready after ${STARTUP_TIMEOUT}s"
        fi
        sleep 1
    done
    STARTUP_SECONDS=$((SECONDS - start_wait))
    log "server ready after ~${STARTUP_SECONDS}s (pid $SERVER_PID)"
}

# ---------------------------------------------------------------- several instances
INSTANCES=()
start_instance() {
    local dir=$1
    PORT=$2
    BASE_URL=http://127.0.0.1:$PORT
    DATA_DIR=$dir/data
    LOG_FILE=$dir/server.log
    PID_FILE=$DATA_DIR/server.pid
    mkdir -p "$dir"
    check_port_free
    start_server
    INSTANCES+=("$SERVER_PID $LAUNCHER_PID")
    SERVER_PID=""
    LAUNCHER_PID=""
}

stop_instances() {
    local pair
    for pair in ${INSTANCES[@]+"${INSTANCES[@]}"}; do
        kill -TERM "${pair%% *}" 2>/dev/null || true
    done
    for pair in ${INSTANCES[@]+"${INSTANCES[@]}"}; do
        SERVER_PID=${pair%% *}
        LAUNCHER_PID=${pair##* }
        stop_server
    done
    INSTANCES=()
}

# ---------------------------------------------------------------- wrk
# wrk --latency output -> "req/s p50_ms p99_ms non2xx socket_errors" (latencies in ms).
parse_wrk() {
    awk '
    function ms(v) {
        if (v ~ /us$/) return v / 1000
        if (v ~ /ms$/) return v + 0
        if (v ~ /m$/)  return v * 60000
        if (v ~ /h$/)  return v * 3600000
        if (v ~ /s$/)  return v * 1000
        return v + 0
    }
    /^Requests\/sec:/               { rps = $2 }
    $1 == "50%"                     { p50 = ms($2) }
    $1 == "99%"                     { p99 = ms($2) }
    /Non-2xx or 3xx responses:/     { non2xx = $NF }
    /Socket errors:/ {
        for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) errs += $i + 0
    }
    END {
        if (rps == "" || p50 == "" || p99 == "") exit 1
        printf "%.0f %.2f %.2f %d %d\n", rps, p50, p99, non2xx + 0, errs + 0
    }'
}

# wrk_measure NAME URL DURATION [wrk args...] -> "req/s p50_ms p99_ms non2xx socket_errors"
wrk_measure() {
    local name=$1 url=$2 duration=$3 out
    shift 3
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$@" "$url" >/dev/null
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 10s --latency "$@" "$url")
    printf '%s\n' "$out" >"$OUT_DIR/wrk-$name.txt"
    printf '%s\n' "$out" | parse_wrk || die "could not parse wrk output for $name"
}

# ---------------------------------------------------------------- nginx
NGINX_PID=""
# start_nginx DIR HTTP_LINES: nginx in the foreground of a background job, files in DIR.
start_nginx() {
    local dir=$1 http=$2
    command -v nginx >/dev/null || die "nginx is needed (apt-get install nginx-light)"
    mkdir -p "$dir/tmp"
    cat >"$dir/nginx.conf" <<CONF
daemon off;
worker_processes ${NGINX_WORKERS:-1};
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $dir/tmp; proxy_temp_path $dir/tmp; fastcgi_temp_path $dir/tmp;
    uwsgi_temp_path $dir/tmp; scgi_temp_path $dir/tmp;
    default_type application/json;
$http
}
CONF
    nginx -t -c "$dir/nginx.conf" -p "$dir" >/dev/null 2>&1 || die "bad nginx configuration $dir/nginx.conf"
    nginx -c "$dir/nginx.conf" -p "$dir" >/dev/null 2>&1 &
    NGINX_PID=$!
    sleep 1
    kill -0 "$NGINX_PID" 2>/dev/null || die "nginx did not start (see $dir/error.log)"
}

stop_nginx() {
    if [[ -n $NGINX_PID ]]; then
        kill "$NGINX_PID" 2>/dev/null || true
        wait "$NGINX_PID" 2>/dev/null || true
    fi
    NGINX_PID=""
}

# ---------------------------------------------------------------- summary
# The first line of a summary: the machine, the JVM and its options. Needs JAVA_BIN.
host_line() {
    local java_version cpu_model
    java_version=$("$JAVA_BIN" -version 2>&1 | head -n1 || true)
    cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    echo "$(nproc) CPU(s)${cpu_model:+ ($cpu_model)}${CPUS:+ confined to $CPUS CPU(s) of time (CPUS)}, $java_version, MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}, JAVA_OPTS='$JAVA_OPTS', embedded PostgreSQL,"
}

ROWS=()
measure() {
    local name=$1 parsed rps p50 p99 non2xx
    parsed=$(wrk_measure "$@")
    ROWS+=("$name|$parsed")
    read -r rps p50 p99 non2xx _ <<<"$parsed"
    log "$name: $rps req/s, p50 $p50 ms, p99 $p99 ms, non-2xx $non2xx"
    LAST_RPS=$rps
}

print_rows() {
    local r name parsed rps p50 p99 non2xx
    echo "| Phase | Requests/s | p50 (ms) | p99 (ms) | Non-2xx |"
    echo "|---|---:|---:|---:|---:|"
    for r in "${ROWS[@]}"; do
        IFS='|' read -r name parsed <<<"$r"
        read -r rps p50 p99 non2xx _ <<<"$parsed"
        echo "| $name | $rps | $p50 | $p99 | $non2xx |"
    done
}

measure_random_pages() {
    local prefix=$1 duration=$2 pages
    pages=$(curl -fsS "$BASE_URL/api/content/posts?limit=20" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["pagination"]["pages"])')
    cat >"$OUT_DIR/random-page.lua" <<LUA
math.randomseed(os.time())
request = function()
    return wrk.format(nil, "/api/content/posts?limit=20&page=" .. math.random(1, $pages))
end
LUA
    measure "$prefix-pages" "$BASE_URL" "$duration" -s "$OUT_DIR/random-page.lua"
    python3 - "$BASE_URL" >"$OUT_DIR/cursors.txt" <<'PY'
import json, sys, urllib.request, urllib.parse
base, cursor, out = sys.argv[1], None, []
while True:
    url = base + "/api/content/posts?limit=20" + ("&cursor=" + urllib.parse.quote(cursor) if cursor else "")
    cursor = json.load(urllib.request.urlopen(url))["nextCursor"]
    if not cursor:
        break
    out.append(cursor)
print("\n".join(out))
PY
    cat >"$OUT_DIR/random-cursor.lua" <<LUA
math.randomseed(os.time())
local cursors = {}
for line in io.lines("$OUT_DIR/cursors.txt") do cursors[#cursors + 1] = line end
request = function()
    return wrk.format(nil, "/api/content/posts?limit=20&cursor=" .. cursors[math.random(1, #cursors)])
end
LUA
    measure "$prefix-cursors" "$BASE_URL" "$duration" -s "$OUT_DIR/random-cursor.lua"
}
