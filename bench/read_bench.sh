#!/usr/bin/env bash
# Read benchmark of Inkwell's public Content API.
#
#   bench/read_bench.sh            (from anywhere; paths are relative to this script)
#
# Steps:
#   1. Generate the deterministic blog data set (1,000 posts, 50 tags, 10% drafts) with
#      ../shared/bench/gen_blog_data.py (override: BLOG_DATA_GENERATOR=/path/to/gen_blog_data.py).
#   2. Build the app unless target/quarkus-app/quarkus-run.jar exists, then start it on a
#      fresh embedded-PostgreSQL data dir (bench/out/data) with admin token "bench-token".
#      As root it runs as the unprivileged user "inkwell" (created if missing), because
#      PostgreSQL refuses to run as root.
#   3. Load all posts through the Admin API (8 parallel workers, bench/load_posts.py).
#   4. For each endpoint, a WARMUP (5s) wrk run to let the JIT compile the hot paths, then
#      the measured run: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency
#        - GET /api/content/posts?page=1&limit=20   (list)
#        - GET /api/content/posts/<slug>            (one published post)
#   5. Print the JVM's resident memory (VmRSS, and peak VmHWM) and the embedded
#      PostgreSQL's, stop the server with SIGTERM and print a Markdown summary table.
#
# Environment overrides (defaults in brackets):
#   DURATION [20s]  CONNECTIONS [32]  THREADS [2]  WARMUP [5s]  PORT [8080]
#   JAVA_OPTS [-Xmx128m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+ExitOnOutOfMemoryError]
#       The settings we recommend for a small blog server: 128 MB of heap holds 1,000 posts'
#       cached responses many times over; the serial collector and a smaller code cache keep
#       the resident set low on a 2-core machine. A fixed cap keeps the memory figure
#       comparable between machines (the JVM's default heap is 1/4 of RAM).
#   BENCH_USER [inkwell]  STARTUP_TIMEOUT [180] seconds  LOAD_WORKERS [8]
#   BENCH_SLUG [first published post of the data set]
#
# Needs: java 17+, python3, curl, wrk (installed with apt-get when missing and run as root).
# Only ever talks to 127.0.0.1.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
cd "$REPO_DIR"

DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-5s}
PORT=${PORT:-8080}
JAVA_OPTS=${JAVA_OPTS:--Xmx128m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+ExitOnOutOfMemoryError}
BENCH_USER=${BENCH_USER:-inkwell}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-180}
LOAD_WORKERS=${LOAD_WORKERS:-8}
TOKEN=bench-token
GENERATOR=${BLOG_DATA_GENERATOR:-$SCRIPT_DIR/../../shared/bench/gen_blog_data.py}

OUT_DIR=$REPO_DIR/bench/out
DATA_DIR=$OUT_DIR/data
BLOG_DIR=$OUT_DIR/blog
LOG_FILE=$OUT_DIR/server.log
PID_FILE=$DATA_DIR/server.pid   # in the data dir: written by the (possibly unprivileged) server user
JAR=$REPO_DIR/target/quarkus-app/quarkus-run.jar
BASE_URL=http://127.0.0.1:$PORT

SERVER_PID=""
LAUNCHER_PID=""

log() { printf '[read_bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- server lifecycle
postgres_pid() {
    local pidfile=$DATA_DIR/postgres/postmaster.pid
    [[ -r $pidfile ]] && head -n1 "$pidfile" | tr -dc '0-9' || true
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

cleanup() {
    local rc=$?
    trap - EXIT
    stop_server
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- prerequisites
command -v python3 >/dev/null || die "python3 is required"
command -v curl >/dev/null || die "curl is required"
command -v java >/dev/null || die "java (17+) is required"
[[ -f $GENERATOR ]] || die "blog data generator not found at $GENERATOR (set BLOG_DATA_GENERATOR)"

if ! command -v wrk >/dev/null; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        log "installing wrk"
        apt-get install -y wrk >/dev/null 2>&1 \
            || { apt-get update >/dev/null 2>&1 && apt-get install -y wrk >/dev/null 2>&1; } \
            || die "could not install wrk"
    else
        die "wrk is required (apt-get install wrk)"
    fi
fi

if curl -s -o /dev/null -m 2 "$BASE_URL/"; then
    die "something already listens on 127.0.0.1:$PORT; stop it first (or set PORT)"
fi

mkdir -p "$OUT_DIR"

# ---------------------------------------------------------------- 1. data
log "generating blog data with $GENERATOR"
python3 "$GENERATOR" "$BLOG_DIR" >&2
BLOG_JSON=$BLOG_DIR/blog.json
[[ -s $BLOG_JSON ]] || die "generator did not write $BLOG_JSON"

SLUG=${BENCH_SLUG:-$(python3 -c '
import json, sys
posts = json.load(open(sys.argv[1], encoding="utf-8"))["posts"]
print(next(p["slug"] for p in posts if not p.get("draft") and p.get("status") == "published"))
' "$BLOG_JSON")}
[[ $SLUG =~ ^[A-Za-z0-9._~-]+$ ]] || die "unexpected slug '$SLUG'"

# ---------------------------------------------------------------- 2. build and start
if [[ ! -f $JAR ]]; then
    log "building (./mvnw -B -q package -DskipTests)"
    ./mvnw -B -q package -DskipTests
fi
[[ -f $JAR ]] || die "build did not produce $JAR"

rm -rf -- "$DATA_DIR"
mkdir -p "$DATA_DIR"
: >"$LOG_FILE"
rm -f -- "$PID_FILE"

JAVA_BIN=$(command -v java)
# sh records its own pid and then execs java, so the pid file holds the JVM's pid
# (with runuser in front, $! would be runuser's).
LAUNCH=(sh -c 'echo $$ > "$1"; shift; exec "$@"' launcher "$PID_FILE"
        env -u QUARKUS_DATASOURCE_JDBC_URL -u QUARKUS_DATASOURCE_USERNAME -u QUARKUS_DATASOURCE_PASSWORD
        INKWELL_DATA_DIR="$DATA_DIR" INKWELL_ADMIN_TOKEN="$TOKEN" QUARKUS_HTTP_PORT="$PORT"
        QUARKUS_HTTP_HOST=127.0.0.1
        "$JAVA_BIN")
# JAVA_OPTS is deliberately word-split into separate JVM options.
read -r -a JAVA_OPTS_ARR <<<"$JAVA_OPTS"
LAUNCH+=("${JAVA_OPTS_ARR[@]}" -jar "$JAR")

if [[ $(id -u) -eq 0 ]]; then
    if ! id "$BENCH_USER" >/dev/null 2>&1; then
        log "creating user $BENCH_USER (PostgreSQL refuses to run as root)"
        useradd -m "$BENCH_USER"
    fi
    chown -R "$BENCH_USER": "$DATA_DIR"
    runuser -u "$BENCH_USER" -- test -r "$JAR" \
        || die "$BENCH_USER cannot read $JAR (check permissions of $REPO_DIR)"
    log "starting server as $BENCH_USER: java $JAVA_OPTS -jar $JAR"
    runuser -u "$BENCH_USER" -- "${LAUNCH[@]}" >>"$LOG_FILE" 2>&1 </dev/null &
else
    log "starting server: java $JAVA_OPTS -jar $JAR"
    "${LAUNCH[@]}" >>"$LOG_FILE" 2>&1 </dev/null &
fi
LAUNCHER_PID=$!

for ((i = 0; i < 50; i++)); do
    [[ -s $PID_FILE ]] && break
    sleep 0.1
done
SERVER_PID=$(tr -dc '0-9' 2>/dev/null <"$PID_FILE" || true)
[[ -n $SERVER_PID ]] || die "server did not start (see $LOG_FILE)"

log "waiting up to ${STARTUP_TIMEOUT}s for $BASE_URL/q/health/ready (log: $LOG_FILE)"
START_WAIT=$SECONDS
until curl -fsS -o /dev/null -m 2 "$BASE_URL/q/health/ready" 2>/dev/null; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        tail -n 40 "$LOG_FILE" >&2 || true
        die "server exited during startup"
    fi
    if ((SECONDS - START_WAIT >= STARTUP_TIMEOUT)); then
        tail -n 40 "$LOG_FILE" >&2 || true
        die "server not ready after ${STARTUP_TIMEOUT}s"
    fi
    sleep 1
done
STARTUP_SECONDS=$((SECONDS - START_WAIT))
log "server ready after ~${STARTUP_SECONDS}s (pid $SERVER_PID)"

# ---------------------------------------------------------------- 3. load
log "loading posts through the Admin API ($LOAD_WORKERS workers)"
LOAD_LINE=$(python3 "$SCRIPT_DIR/load_posts.py" "$BLOG_JSON" --base-url "$BASE_URL" \
    --token "$TOKEN" --workers "$LOAD_WORKERS") || { echo "$LOAD_LINE"; die "loading posts failed"; }
echo "$LOAD_LINE"

LIST_PATH="/api/content/posts?page=1&limit=20"
POST_PATH="/api/content/posts/$SLUG"
for path in "$LIST_PATH" "$POST_PATH"; do
    code=$(curl -s -o /dev/null -m 10 -w '%{http_code}' "$BASE_URL$path" || true)
    [[ $code == 200 ]] || die "GET $path answered $code, expected 200"
done

# ---------------------------------------------------------------- 4. wrk
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

RESULTS=()
run_wrk() {
    local name=$1 path=$2 url=$BASE_URL$2 out parsed
    log "$name: warm-up ${WARMUP} (GET $path)"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null
    log "$name: measuring ${DURATION}, ${THREADS} threads, ${CONNECTIONS} connections"
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$url")
    printf '%s\n' "$out" | tee "$OUT_DIR/wrk-$name.txt"
    parsed=$(printf '%s\n' "$out" | parse_wrk) || die "could not parse wrk output for $name"
    RESULTS+=("$name|$path|$parsed")
    read -r rps p50 p99 non2xx errs <<<"$parsed"
    echo "$name: ${rps} req/s, p50 ${p50} ms, p99 ${p99} ms, non-2xx ${non2xx}, socket errors ${errs}"
}

run_wrk list "$LIST_PATH"
run_wrk post "$POST_PATH"
# The Content API's figure, before media delivery (large responses) grows the buffers.
CONTENT_RSS_KB=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null || true)

# Media delivery: one uploaded 1920x1280 image, its original and a 640-pixel variant (the first
# request makes the variant; the measured ones serve the stored copy).
log "uploading a 1920x1280 PNG for the media benchmark"
IMAGE_URL=$(python3 "$SCRIPT_DIR/make_bench_image.py" \
    | curl -fsS -m 60 -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: image/png' \
        --data-binary @- "$BASE_URL/api/admin/images?filename=bench.png" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["url"])') || die "image upload failed"
curl -fsS -o /dev/null -m 60 "$BASE_URL$IMAGE_URL?w=640" || die "variant request failed"
run_wrk media-original "$IMAGE_URL"
run_wrk media-variant "$IMAGE_URL?w=640"

# ---------------------------------------------------------------- 5. memory
status_kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null || true; }
RSS_KB=$(status_kb VmRSS)
HWM_KB=$(status_kb VmHWM)
PG=$(postgres_pid)
PG_KB=""
if [[ -n $PG ]] && kill -0 "$PG" 2>/dev/null; then
    # postmaster + its backends; shared buffers are counted once per process, so this overstates.
    PG_KB=$( { ps -o rss= -p "$PG" || true; ps -o rss= --ppid "$PG" || true; } 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
fi
mb() { [[ -n $1 ]] && awk -v k="$1" 'BEGIN { printf "%.0f MB", k / 1024 }' || echo "n/a"; }
echo "server JVM resident memory: VmRSS $(mb "$RSS_KB"), peak VmHWM $(mb "$HWM_KB") (pid $SERVER_PID)"
echo "embedded PostgreSQL (sum of RSS): $(mb "$PG_KB")"

# ---------------------------------------------------------------- 6. stop
STOP_START=$SECONDS
stop_server
STOP_SECONDS=$((SECONDS - STOP_START))

# ---------------------------------------------------------------- summary
JAVA_VERSION=$("$JAVA_BIN" -version 2>&1 | head -n1)
CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo
echo "### Content API and media read benchmark"
echo
echo "$(nproc) CPU(s)${CPU_MODEL:+ ($CPU_MODEL)}, $JAVA_VERSION, JAVA_OPTS='$JAVA_OPTS', embedded PostgreSQL,"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency after a ${WARMUP} warm-up; server and wrk on the same host."
echo "Data: $(sed 's/^posts loaded: //' <<<"$LOAD_LINE")."
echo
echo "| Endpoint | Requests/s | p50 (ms) | p99 (ms) | Non-2xx | Socket errors |"
echo "|---|---:|---:|---:|---:|---:|"
for r in "${RESULTS[@]}"; do
    IFS='|' read -r name path parsed <<<"$r"
    read -r rps p50 p99 non2xx errs <<<"$parsed"
    echo "| \`GET $path\` | $rps | $p50 | $p99 | $non2xx | $errs |"
done
echo
echo "| Measure | Value |"
echo "|---|---:|"
echo "| Startup to ready (empty DB, incl. embedded PostgreSQL) | ~${STARTUP_SECONDS} s |"
echo "| JVM resident memory after the Content API runs (VmRSS) | $(mb "$CONTENT_RSS_KB") |"
echo "| JVM resident memory after the media runs too (VmRSS) | $(mb "$RSS_KB") |"
echo "| JVM peak resident memory (VmHWM) | $(mb "$HWM_KB") |"
echo "| Embedded PostgreSQL resident memory (sum of RSS) | $(mb "$PG_KB") |"
echo "| Graceful shutdown (SIGTERM to exit) | ~${STOP_SECONDS} s |"
