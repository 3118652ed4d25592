#!/usr/bin/env bash
# Search benchmark of Inkwell's Content API (GET /api/content/search).
#
#   bench/search_bench.sh            (from anywhere; paths are relative to this script)
#
# Steps:
#   1. Generate the standard blog data set (1,000 posts, 50 tags, 10% drafts, 800-word bodies)
#      with bench/gen_blog_data.py, and two query lists from the words of its titles, each query
#      a whole word and a prefix of another ("cache buff"), as a search box sends while typing.
#   2. Build the app unless target/quarkus-app/quarkus-run.jar exists, start it on a fresh
#      embedded-PostgreSQL data dir (bench/out/data), load the posts (bench/load_posts.py).
#   3. wrk at $CONNECTIONS connections (8 by default, the issue's target for search), after a
#      warm-up of the same run (WARMUP; DISTINCT_WARMUP for the distinct queries, whose path
#      the JIT compiles for over a minute on two busy cores, as the repeated ones, answered from
#      the cache, never run it):
#        - search-repeated: 50 queries asked over and over: answers from the response cache
#          from their second ask, as for a blog's popular searches;
#        - search-distinct: a random one of ~95,000 queries each time: nearly every request
#          runs the full-text query, ranking and ts_headline in PostgreSQL (the 32 MiB cache
#          holds some 3,000 of these answers, so at most about 3% are hits, however long the
#          warm-up; the words of this data set occur in most posts, so each query ranks
#          hundreds of them: a heavy case).
#   4. Print a Markdown summary table, with the CPU time a request of the JVM and of the
#      embedded PostgreSQL (from /proc: when the host gives this machine less, the same requests
#      take more of it), and stop the server.
#
# Environment overrides (defaults in brackets):
#   DURATION [20s]  CONNECTIONS [8]  THREADS [2]  WARMUP [5s]  DISTINCT_WARMUP [90s]  PORT [8080]
#   DISTINCT_WINDOWS [3]: measured runs of the distinct queries, one after another after their
#   warm-up, each a row of the summary: this machine is noisy, so one window is not a result
#   OUT_DIR [bench/out]
#   CPUS [unset]: e.g. CPUS=1.0 gives the whole run (server, PostgreSQL, wrk) one CPU's time, as
#   on a slower or busier host (root only; confine_cpus in bench/server.sh)
#   JAVA_OPTS [the small-server flags, SMALL_SERVER_JAVA_OPTS in bench/server.sh]
#   STARTUP_TIMEOUT [180] seconds  LOAD_WORKERS [8]
#
# Needs: java 17+, python3, curl, wrk. Only ever talks to 127.0.0.1.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
cd "$REPO_DIR"

DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-8}
DISTINCT_WARMUP=${DISTINCT_WARMUP:-90s}
DISTINCT_WINDOWS=${DISTINCT_WINDOWS:-3}

OUT_DIR=${OUT_DIR:-$REPO_DIR/bench/out}

LOG_PREFIX=search_bench

source "$SCRIPT_DIR/server.sh"

server_traps
confine_cpus

check_prerequisites "$GENERATOR"
command -v wrk >/dev/null || die "wrk is required (apt-get install wrk)"
check_port_free
mkdir -p "$OUT_DIR"

# ---------------------------------------------------------------- 1. data and queries
log "generating blog data with $GENERATOR"
python3 "$GENERATOR" "$BLOG_DIR" >&2
BLOG_JSON=$BLOG_DIR/blog.json
[[ -s $BLOG_JSON ]] || die "generator did not write $BLOG_JSON"

python3 - "$BLOG_JSON" "$OUT_DIR" <<'EOF'
import json, random, re, sys
posts = json.load(open(sys.argv[1], encoding="utf-8"))["posts"]
words = sorted({w for p in posts for w in re.findall(r"[a-z]{4,}", p["title"].lower())})
rng = random.Random(7)
def query():
    whole, typed = rng.choice(words), rng.choice(words)
    return whole + "+" + typed[:rng.randint(3, len(typed))]
with open(sys.argv[2] + "/queries-repeated.txt", "w") as out:
    out.write("\n".join(query() for _ in range(50)) + "\n")
with open(sys.argv[2] + "/queries-distinct.txt", "w") as out:
    out.write("\n".join(sorted({query() for _ in range(100000)})) + "\n")
EOF

cat >"$OUT_DIR/search.lua" <<'EOF'
-- Each request: a random query of the list in the QUERIES environment variable.
local queries = {}
for line in io.lines(os.getenv("QUERIES")) do
    if #line > 0 then queries[#queries + 1] = line end
end
local counter = 0
function setup(thread)
    counter = counter + 1
    thread:set("seed", counter)
end
function init(args)
    math.randomseed(os.time() + seed * 7919)
end
function request()
    return wrk.format("GET", "/api/content/search?q=" .. queries[math.random(#queries)] .. "&limit=10")
end
EOF

# ---------------------------------------------------------------- 2. start and load
start_server
log "loading posts through the Admin API ($LOAD_WORKERS workers)"
LOAD_LINE=$(python3 "$SCRIPT_DIR/load_posts.py" "$BLOG_JSON" --base-url "$BASE_URL" \
    --token "$TOKEN" --workers "$LOAD_WORKERS") || { echo "$LOAD_LINE"; die "loading posts failed"; }
echo "$LOAD_LINE"
first=$(head -n1 "$OUT_DIR/queries-repeated.txt")
code=$(curl -s -o "$OUT_DIR/sample.json" -m 10 -w '%{http_code}' "$BASE_URL/api/content/search?q=$first&limit=10" || true)
[[ $code == 200 ]] || die "GET /api/content/search?q=$first answered $code, expected 200"
log "sample answer for q=$first: $(head -c 300 "$OUT_DIR/sample.json")..."

RESULTS=()
# run_wrk NAME QUERIES WARMUP [WINDOWS]: one warm-up, then WINDOWS measured runs one after another
# (NAME, or NAME-1, NAME-2... when there are several), each a row of the summary.
run_wrk() {
    local name=$1 queries=$2 warmup=$3 windows=${4:-1} window label out parsed before after cpu
    log "$name: warm-up ${warmup}"
    QUERIES=$queries wrk -t"$THREADS" -c"$CONNECTIONS" -d"$warmup" -s "$OUT_DIR/search.lua" "$BASE_URL" >/dev/null
    for ((window = 1; window <= windows; window++)); do
        label=$name
        ((windows == 1)) || label=$name-$window
        log "$label: measuring ${DURATION}, ${THREADS} threads, ${CONNECTIONS} connections"
        before=$(cpu_ticks)
        out=$(QUERIES=$queries wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency \
            -s "$OUT_DIR/search.lua" "$BASE_URL")
        after=$(cpu_ticks)
        printf '%s\n' "$out" | tee "$OUT_DIR/wrk-$label.txt"
        parsed=$(printf '%s\n' "$out" | parse_wrk) || die "could not parse wrk output for $label"
        # CPU time a request (ms), of the JVM and of PostgreSQL: when the host gives this machine
        # less, the same requests take more of it, and fewer are answered.
        cpu=$(awk -v before="$before" -v after="$after" -v tick="$(getconf CLK_TCK)" \
            -v requests="$(awk '/ requests in / { print $1 }' <<<"$out")" 'BEGIN {
                split(before, b, " "); split(after, a, " ")
                if (requests <= 0) { print "n/a n/a"; exit }
                printf "%.2f ", (a[1] - b[1]) * 1000 / tick / requests
                if (a[2] == "none" || b[2] == "none") print "n/a"
                else printf "%.2f\n", (a[2] - b[2]) * 1000 / tick / requests
            }')
        RESULTS+=("$label|$parsed|$cpu")
        read -r rps p50 p99 non2xx errs <<<"$parsed"
        read -r jvm_ms pg_ms <<<"$cpu"
        echo "$label: ${rps} req/s, p50 ${p50} ms, p99 ${p99} ms, non-2xx ${non2xx}, socket errors ${errs}," \
            "CPU a request: JVM ${jvm_ms} ms, PostgreSQL ${pg_ms} ms"
    done
}

run_wrk search-repeated "$OUT_DIR/queries-repeated.txt" "$WARMUP"
run_wrk search-distinct "$OUT_DIR/queries-distinct.txt" "$DISTINCT_WARMUP" "$DISTINCT_WINDOWS"

RSS_KB=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null || true)
stop_server

# ---------------------------------------------------------------- summary
echo
echo "### Search benchmark"
echo
host_line
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency after a warm-up of ${WARMUP} (repeated) and ${DISTINCT_WARMUP} (distinct, then $DISTINCT_WINDOWS windows one after another); server and wrk on the same host."
echo "Data: $(sed 's/^posts loaded: //' <<<"$LOAD_LINE"). Queries: a whole word and a typed prefix, limit=10."
echo
echo "| Run | Requests/s | p50 (ms) | p99 (ms) | JVM CPU a request (ms) | PostgreSQL CPU a request (ms) | Non-2xx | Socket errors |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for r in "${RESULTS[@]}"; do
    IFS='|' read -r name parsed cpu <<<"$r"
    read -r rps p50 p99 non2xx errs <<<"$parsed"
    read -r jvm_ms pg_ms <<<"$cpu"
    echo "| $name | $rps | $p50 | $p99 | $jvm_ms | $pg_ms | $non2xx | $errs |"
done
echo
# The range of a column (1: req/s, 3: p99) over the distinct-query windows: "low-high".
distinct_range() {
    local r
    for r in "${RESULTS[@]}"; do
        if [[ $r == search-distinct* ]]; then cut -d'|' -f2 <<<"$r"; fi
    done | awk -v column="$1" '{print $column}' | sort -n | sed -n '1p;$p' | uniq | paste -sd-
}
echo "Distinct queries over $DISTINCT_WINDOWS window(s): $(distinct_range 1) req/s, p99 $(distinct_range 3) ms."
echo "JVM resident memory after the runs (VmRSS): $(mb "$RSS_KB")"
