#!/usr/bin/env bash
# Reads under writes, deep pages, and a soak with a writer, beside nginx serving the same bytes.
#
#   bench/soak_bench.sh            (from anywhere; paths are relative to this script)
#
# Steps (the standard data set, loaded as bench/read_bench.sh does, same server flags):
#   1. nginx (when installed: apt-get install nginx-light) serves the bytes of the first list
#      page and of one post from files; wrk measures it first, in the same run.
#   2. Reads alone: wrk on the list and on the post.
#   3. The same reads while 8 writers publish as fast as the server lets them (bench/writer.py);
#      prints their rate and the reads' share of their no-write throughput.
#   4. Random pages of the list (page=1..last, each request another), and the same walk by
#      cursor: what a client forcing cache misses costs.
#   5. The soak: SOAK (default 5m) of wrk on list and post (alternating) at CONNECTIONS while
#      one writer publishes a post a second; the JVM's resident memory every 15 s.
#
# Environment overrides (defaults in brackets):
#   DURATION [15s]  SOAK [5m]  CONNECTIONS [32]  THREADS [2]  WARMUP [5s]  PORT [8080]
#   NGINX_PORT [8088]  JAVA_OPTS [as bench/read_bench.sh]  STARTUP_TIMEOUT [180]  LOAD_WORKERS [8]
#   CPUS [unset]: the whole run confined to that many CPUs of time (confine_cpus, bench/server.sh)
# Needs: java 17+, python3, curl, wrk; nginx optional. Only ever talks to 127.0.0.1.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
cd "$REPO_DIR"

DURATION=${DURATION:-15s}
SOAK=${SOAK:-5m}
CONNECTIONS=${CONNECTIONS:-32}
NGINX_PORT=${NGINX_PORT:-8088}

OUT_DIR=$REPO_DIR/bench/out/soak
LOG_PREFIX=soak_bench

source "$SCRIPT_DIR/server.sh"
server_traps
confine_cpus
trap 'stop_nginx; server_cleanup' EXIT

check_prerequisites "$GENERATOR"
command -v wrk >/dev/null || die "wrk is required (apt-get install wrk)"
check_port_free
mkdir -p "$OUT_DIR"

seconds() { awk -v d="$1" 'BEGIN { n = d + 0; if (d ~ /m$/) n *= 60; if (d ~ /h$/) n *= 3600; print int(n) }'; }

# ---------------------------------------------------------------- data, server, load
python3 "$GENERATOR" "$BLOG_DIR" >&2
BLOG_JSON=$BLOG_DIR/blog.json
SLUG=$(python3 -c '
import json, sys
posts = json.load(open(sys.argv[1], encoding="utf-8"))["posts"]
print(next(p["slug"] for p in posts if not p.get("draft") and p.get("status") == "published"))' "$BLOG_JSON")
start_server
LOAD_LINE=$(python3 "$SCRIPT_DIR/load_posts.py" "$BLOG_JSON" --base-url "$BASE_URL" --token "$TOKEN" \
    --workers "$LOAD_WORKERS") || die "loading posts failed: $LOAD_LINE"
log "$LOAD_LINE"
LIST_PATH="/api/content/posts?page=1&limit=20"
POST_PATH="/api/content/posts/$SLUG"

# ---------------------------------------------------------------- 1. nginx, same bytes
NGINX_RPS=""
if command -v nginx >/dev/null; then
    WEB=$OUT_DIR/nginx
    rm -rf "$WEB"; mkdir -p "$WEB/root"
    curl -fsS "$BASE_URL$LIST_PATH" -o "$WEB/root/list.json"
    curl -fsS "$BASE_URL$POST_PATH" -o "$WEB/root/post.json"
    start_nginx "$WEB" "    etag on;
    server { listen 127.0.0.1:$NGINX_PORT; root $WEB/root; }"
    measure nginx-list "http://127.0.0.1:$NGINX_PORT/list.json" "$DURATION"
    measure nginx-post "http://127.0.0.1:$NGINX_PORT/post.json" "$DURATION"
    NGINX_RPS=$LAST_RPS
    stop_nginx
else
    log "nginx not installed: no side-by-side figure (apt-get install nginx-light)"
fi

# ---------------------------------------------------------------- 2. reads alone
measure list "$BASE_URL$LIST_PATH" "$DURATION"; LIST_ALONE=$LAST_RPS
measure post "$BASE_URL$POST_PATH" "$DURATION"; POST_ALONE=$LAST_RPS

# ---------------------------------------------------------------- 3. reads under 8 writers
WRITE_SECONDS=$(( 2 * ($(seconds "$DURATION") + $(seconds "$WARMUP")) + 2 ))
python3 "$SCRIPT_DIR/writer.py" --base-url "$BASE_URL" --token "$TOKEN" --workers 8 --rate 0 \
    --seconds "$WRITE_SECONDS" --tags "Bench A,Bench B,Bench C" >"$OUT_DIR/writers.txt" &
WRITERS=$!
sleep 1
measure list-8-writers "$BASE_URL$LIST_PATH" "$DURATION"; LIST_WRITES=$LAST_RPS
measure post-8-writers "$BASE_URL$POST_PATH" "$DURATION"; POST_WRITES=$LAST_RPS
wait "$WRITERS"
log "8 writers: $(cat "$OUT_DIR/writers.txt")"

# ---------------------------------------------------------------- 4. random deep pages
measure_random_pages random "$DURATION"

# ---------------------------------------------------------------- 5. soak with one writer
cat >"$OUT_DIR/list-and-post.lua" <<LUA
local n = 0
request = function()
    n = n + 1
    if n % 2 == 0 then return wrk.format(nil, "$LIST_PATH") end
    return wrk.format(nil, "$POST_PATH")
end
LUA
RSS_LOG=$OUT_DIR/rss.txt
: >"$RSS_LOG"
( while kill -0 "$SERVER_PID" 2>/dev/null; do
      awk '$1 == "VmRSS:" { print $2 }' "/proc/$SERVER_PID/status" >>"$RSS_LOG" 2>/dev/null || true
      sleep 15
  done ) &
SAMPLER=$!
python3 "$SCRIPT_DIR/writer.py" --base-url "$BASE_URL" --token "$TOKEN" --workers 1 --rate 1 \
    --seconds "$(( $(seconds "$SOAK") + $(seconds "$WARMUP") + 2 ))" >"$OUT_DIR/soak-writer.txt" &
WRITER=$!
measure soak-list-and-post "$BASE_URL" "$SOAK" -s "$OUT_DIR/list-and-post.lua"
wait "$WRITER"
kill "$SAMPLER" 2>/dev/null || true
log "soak writer: $(cat "$OUT_DIR/soak-writer.txt")"
RSS_SUMMARY=$(awk 'NR == 1 { first = $1 } { last = $1; if ($1 > max) max = $1; if (min == "" || $1 < min) min = $1 }
    END { printf "first %.0f MiB, last %.0f MiB, min %.0f MiB, max %.0f MiB over %d samples", first/1024, last/1024, min/1024, max/1024, NR }' "$RSS_LOG")
stop_server

# ---------------------------------------------------------------- summary
echo
echo "### Reads under writes, deep pages, soak"
echo
host_line
echo "wrk -t$THREADS -c$CONNECTIONS, $DURATION per phase after a $WARMUP warm-up (soak: $SOAK). $LOAD_LINE."
echo
print_rows
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "n/a" }'; }
echo "- With 8 writers ($(cat "$OUT_DIR/writers.txt")): list keeps $(ratio "$LIST_WRITES" "$LIST_ALONE"), one post $(ratio "$POST_WRITES" "$POST_ALONE") of their no-write throughput."
[[ -n $NGINX_RPS ]] && echo "- One post: $(ratio "$POST_ALONE" "$NGINX_RPS") of nginx serving the same bytes."
echo "- Soak writer: $(cat "$OUT_DIR/soak-writer.txt"); JVM resident memory: $RSS_SUMMARY."
