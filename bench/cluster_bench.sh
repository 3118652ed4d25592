#!/usr/bin/env bash
# Several instances on one PostgreSQL behind nginx: read throughput with 1, 2 and 4 instances,
# and how soon a change made through one instance is seen through another.
#
#   bench/cluster_bench.sh         (from anywhere; paths are relative to this script)
#
# Steps:
#   1. One PostgreSQL server of the Debian packages in a temp dir (bench/pg.sh; installed with
#      apt-get when missing and run as root) on PG_PORT; every instance uses its database.
#   2. Instance 1 (the packaged server, README's small-server flags) loads the standard data set
#      (bench/gen_blog_data.py, 1,000 posts, through bench/load_posts.py), once.
#   3. nginx serving the bytes of the first list page and of one post as static files, and wrk
#      straight at instance 1: the two references.
#   4. For N = 1, 2, 4 (INSTANCE_COUNTS): N instances (each new one warmed up directly first),
#      nginx in front (upstream round robin, keepalive), wrk through nginx on the first list page
#      and on the post. Each row also shows the host's 1-minute load average before it.
#   5. With 2 instances: TRIALS times, publish an edit of a live post through instance 1 and poll
#      instance 2's Content API until it shows it (every 5 ms); min, median and max of the time
#      from instance 1's answer to instance 2 showing the change.
#
# Environment overrides (defaults in brackets):
#   DURATION [15s]  WARMUP [5s]  CONNECTIONS [32]  THREADS [2]  TRIALS [20]  INSTANCE_COUNTS [1 2 4]
#   PORT_BASE [18100]: PostgreSQL on it, nginx (balancer) +10, nginx (static) +11, instances +1..
#   NGINX_WORKERS [auto]  JAVA_OPTS [the small-server flags]  STARTUP_TIMEOUT [180]  LOAD_WORKERS [8]
# Needs: java 17+, python3, curl, wrk, nginx (apt-get install wrk nginx-light). Only ever
# talks to 127.0.0.1. Everything runs on this one machine: see README, Several instances.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
cd "$REPO_DIR"

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
TRIALS=${TRIALS:-20}
read -r -a COUNTS <<<"${INSTANCE_COUNTS:-1 2 4}"
PORT_BASE=${PORT_BASE:-18100}
NGINX_WORKERS=${NGINX_WORKERS:-auto}
OUT_DIR=$REPO_DIR/bench/out/cluster
LOG_PREFIX=cluster_bench
LB_PORT=$((PORT_BASE + 10))
STATIC_PORT=$((PORT_BASE + 11))

source "$SCRIPT_DIR/server.sh"
source "$SCRIPT_DIR/pg.sh"
check_prerequisites "$GENERATOR"
command -v wrk >/dev/null || die "wrk is required (apt-get install wrk)"
command -v nginx >/dev/null || die "nginx is required (apt-get install nginx-light)"

cleanup() { stop_nginx; stop_instances; pg_stop; }
CLEANUP_HOOK=cleanup
server_traps
rm -rf "$OUT_DIR"
mkdir -p "$OUT_DIR"

# ---------------------------------------------------------------- 1-2. PostgreSQL, data
pg_start "$OUT_DIR/pg" "$PORT_BASE"
pg_tool createdb inkwell
pg_server_env inkwell
instance_url() { echo "http://127.0.0.1:$((PORT_BASE + $1))"; }
RUNNING=0
# Starts instances until N run (1..N, on PORT_BASE+1..).
scale_to() {
    while ((RUNNING < $1)); do
        RUNNING=$((RUNNING + 1))
        start_instance "$OUT_DIR/instance-$RUNNING" $((PORT_BASE + RUNNING))
        if ((RUNNING > 1)); then   # its own warm-up: through nginx it would get 1/N of one
            local path
            for path in "$LIST_PATH" "$POST_PATH"; do
                wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$(instance_url "$RUNNING")$path" >/dev/null
            done
        fi
    done
}
scale_to 1
ONE=$(instance_url 1)

python3 "$GENERATOR" "$OUT_DIR/blog" >&2
BLOG_JSON=$OUT_DIR/blog/blog.json
SLUG=$(python3 -c '
import json, sys
posts = json.load(open(sys.argv[1], encoding="utf-8"))["posts"]
print(next(p["slug"] for p in posts if not p.get("draft") and p.get("status") == "published"))' "$BLOG_JSON")
log "loading the data set through instance 1"
LOAD_LINE=$(python3 "$SCRIPT_DIR/load_posts.py" "$BLOG_JSON" --base-url "$ONE" --token "$TOKEN" \
    --workers "$LOAD_WORKERS") || die "loading posts failed: $LOAD_LINE"
log "$LOAD_LINE"
LIST_PATH="/api/content/posts?page=1&limit=20"
POST_PATH="/api/content/posts/$SLUG"

# row SETUP ROUTE URL: one measured wrk run, as a table row, with the machine's load average
# (1 min) before it: other work on the host shows there.
row() {
    local parsed load
    load=$(cut -d' ' -f1 /proc/loadavg)
    local name="$1-$2"
    parsed=$(wrk_measure "${name//[^A-Za-z0-9-]/_}" "$3" "$DURATION")
    ROWS+=("$1|$2|$parsed|$load")
    log "$1, $2: $parsed (req/s p50 p99 non-2xx errors)"
}

# ---------------------------------------------------------------- 3. the references
mkdir -p "$OUT_DIR/static/root"
curl -fsS "$ONE$LIST_PATH" -o "$OUT_DIR/static/root/list.json"
curl -fsS "$ONE$POST_PATH" -o "$OUT_DIR/static/root/post.json"
start_nginx "$OUT_DIR/static" "    etag on;
    server { listen 127.0.0.1:$STATIC_PORT; root $OUT_DIR/static/root; }"
row "nginx, static file" list "http://127.0.0.1:$STATIC_PORT/list.json"
row "nginx, static file" post "http://127.0.0.1:$STATIC_PORT/post.json"
stop_nginx
row "1 instance, direct" list "$ONE$LIST_PATH"
row "1 instance, direct" post "$ONE$POST_PATH"

# ---------------------------------------------------------------- 5. visibility across instances
VISIBILITY=""
visibility() {
    local post_id
    post_id=$(curl -fsS -X POST "$ONE/api/admin/posts" -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' \
        -d '{"title": "Visibility 0", "slug": "visibility", "markdown": "Seen?", "status": "published"}' \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
    VISIBILITY=$(python3 - "$ONE" "$(instance_url 2)" "$TOKEN" "$post_id" "$TRIALS" <<'PY'
import json, random, statistics, sys, time, urllib.request
a, b, token, post_id, trials = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])

def call(method, url, body=None):
    req = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp) if resp.status != 204 else None

def title_on_b():
    with urllib.request.urlopen(b + "/api/content/posts/visibility", timeout=30) as resp:
        return json.load(resp)["title"]

seen = []
for trial in range(1, trials + 1):
    title_on_b()                                   # B has the current version cached
    time.sleep(random.uniform(0, 1.0))             # at a random point of B's check interval
    call("PATCH", a + "/api/admin/posts/" + post_id, {"title": "Visibility %d" % trial})
    call("POST", a + "/api/admin/posts/" + post_id + "/publish")
    acknowledged = time.monotonic()
    while title_on_b() != "Visibility %d" % trial:
        if time.monotonic() - acknowledged > 30:
            sys.exit("instance 2 did not show trial %d within 30 s" % trial)
        time.sleep(0.005)
    seen.append((time.monotonic() - acknowledged) * 1000)
print("%d %.0f %.0f %.0f" % (len(seen), min(seen), statistics.median(seen), max(seen)))
PY
) || die "visibility trials failed"
    log "visibility (trials, min, median, max ms): $VISIBILITY"
}

# ---------------------------------------------------------------- 4. through nginx
for n in "${COUNTS[@]}"; do
    scale_to "$n"
    upstream=""
    for ((i = 1; i <= n; i++)); do upstream+="server 127.0.0.1:$((PORT_BASE + i)); "; done
    start_nginx "$OUT_DIR/lb-$n" "    upstream inkwell { $upstream keepalive 64; }
    server {
        listen 127.0.0.1:$LB_PORT;
        location / {
            proxy_pass http://inkwell;
            proxy_http_version 1.1;
            proxy_set_header Connection \"\";
        }
    }"
    for path in "$LIST_PATH" "$POST_PATH"; do
        curl -fsS -o /dev/null "http://127.0.0.1:$LB_PORT$path" || die "GET $path through nginx failed"
    done
    row "$n instance(s), nginx" list "http://127.0.0.1:$LB_PORT$LIST_PATH"
    row "$n instance(s), nginx" post "http://127.0.0.1:$LB_PORT$POST_PATH"
    stop_nginx
    if ((n >= 2)) && [[ -z $VISIBILITY ]]; then
        visibility
    fi
done
cleanup

# ---------------------------------------------------------------- summary
echo
echo "### Several instances behind nginx"
echo
host_line | sed 's/embedded PostgreSQL,/one Debian PostgreSQL '"$("$PG_BIN/postgres" --version | awk '{ print $3 }')"' on TCP for all instances,/'
echo "nginx $(nginx -v 2>&1 | sed 's/.*\///'), worker_processes $NGINX_WORKERS; wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency after a $WARMUP warm-up;"
echo "everything (instances, PostgreSQL, nginx, wrk) on this one machine. $LOAD_LINE."
echo
echo "| Setup | Route | Requests/s | p50 (ms) | p99 (ms) | Non-2xx | Socket errors | Load before |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for r in "${ROWS[@]}"; do
    IFS='|' read -r setup route parsed load <<<"$r"
    read -r rps p50 p99 non2xx errs <<<"$parsed"
    echo "| $setup | $route | $rps | $p50 | $p99 | $non2xx | $errs | $load |"
done
echo
if [[ -n $VISIBILITY ]]; then
    read -r trials vmin vmed vmax <<<"$VISIBILITY"
    echo "Cross-instance visibility (publish through instance 1 answered -> instance 2's Content API shows it),"
    echo "$trials trials: min $vmin ms, median $vmed ms, max $vmax ms (INKWELL_CONTENT_CACHE_CHECK_INTERVAL: ${INKWELL_CONTENT_CACHE_CHECK_INTERVAL:-1s})."
fi
