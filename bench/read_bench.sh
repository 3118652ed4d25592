#!/usr/bin/env bash
# Read benchmark of Inkwell's public Content API.
#
#   bench/read_bench.sh            (from anywhere; paths are relative to this script)
#
# Steps:
#   1. Generate the deterministic blog data set (1,000 posts, 50 tags, 10% drafts) with
#      bench/gen_blog_data.py, a copy of the shared generator (override: BLOG_DATA_GENERATOR=/path/to/gen_blog_data.py).
#   2. Build the app unless target/quarkus-app/quarkus-run.jar exists, then start it on a
#      fresh embedded-PostgreSQL data dir (bench/out/data) with admin token "bench-token".
#      As root too: the embedded PostgreSQL then runs under its own unprivileged account.
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
#   JAVA_OPTS [the small-server flags, SMALL_SERVER_JAVA_OPTS in bench/server.sh]
#       The settings we recommend for a small blog server: 128 MB of heap holds 1,000 posts'
#       cached responses many times over; the serial collector and a smaller code cache keep
#       the resident set low on a 2-core machine. A fixed cap keeps the memory figure
#       comparable between machines (the JVM's default heap is 1/4 of RAM).
#   STARTUP_TIMEOUT [180] seconds  LOAD_WORKERS [8]
#   BENCH_SLUG [first published post of the data set]
#   CPUS [unset]: the whole run confined to that many CPUs of time (confine_cpus, bench/server.sh)
#
# Needs: java 17+, python3, curl, wrk (installed with apt-get when missing and run as root).
# Only ever talks to 127.0.0.1.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
cd "$REPO_DIR"

DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}

OUT_DIR=$REPO_DIR/bench/out

LOG_PREFIX=read_bench

# Server lifecycle (log, die, start_server, stop_server, ...): see bench/server.sh.
source "$SCRIPT_DIR/server.sh"

server_traps
confine_cpus

# ---------------------------------------------------------------- prerequisites
check_prerequisites "$GENERATOR"

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

check_port_free

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
start_server   # sets JAVA_BIN, SERVER_PID, LAUNCHER_PID, STARTUP_SECONDS

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
echo "server JVM resident memory: VmRSS $(mb "$RSS_KB"), peak VmHWM $(mb "$HWM_KB") (pid $SERVER_PID)"
echo "embedded PostgreSQL (sum of RSS): $(mb "$PG_KB")"

# ---------------------------------------------------------------- 6. stop
STOP_START=$SECONDS
stop_server
STOP_SECONDS=$((SECONDS - STOP_START))

# ---------------------------------------------------------------- summary
echo
echo "### Content API and media read benchmark"
echo
host_line
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
