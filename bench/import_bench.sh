#!/usr/bin/env bash
# Import benchmark: a Hugo site archive through POST /api/admin/import.
#
#   bench/import_bench.sh          (from anywhere; paths are relative to this script)
#
# Steps:
#   1. Generate the deterministic blog data set (1,000 posts, 50 tags, 10% drafts) with
#      bench/gen_blog_data.py, a copy of the shared generator (override: BLOG_DATA_GENERATOR=/path/to/gen_blog_data.py).
#   2. Build a Hugo-style site zip from it (bench/make_import_site.py): one page bundle
#      content/posts/<slug>/index.md per post (the generated Markdown, unchanged), and for every
#      10th post a distinct 64x64 cover.png in the bundle, referenced from the front matter
#      (image: cover.png) and from the body (![cover](cover.png)).
#   3. Build the app unless target/quarkus-app/quarkus-run.jar exists, then start it on a
#      fresh embedded-PostgreSQL data dir (bench/out/import/data) with admin token
#      "bench-token" (as root too: the embedded PostgreSQL then runs under its own account).
#   4. First import of the zip (source=bench): seconds, posts/s, the report's totals; every
#      post must be created.
#   5. Re-import of the same zip: seconds and totals; every post must be unchanged.
#   6. During each import the JVM's resident memory (VmRSS) is sampled every 0.2 s; the peak
#      is printed next to the figure before the import. The archive is streamed to disk, not
#      held in memory, so the peak should stay close to the baseline.
#   7. Stop the server with SIGTERM and print a Markdown summary table.
#
# Environment overrides (defaults in brackets):
#   PORT [8081]  (not 8080, so it can run beside bench/read_bench.sh; it also has its own
#       output directory, bench/out/import)
#   JAVA_OPTS [the small-server flags, SMALL_SERVER_JAVA_OPTS in bench/server.sh]
#       The same as bench/read_bench.sh: our recommendation for a small blog server.
#   STARTUP_TIMEOUT [180] seconds  IMPORT_TIMEOUT [300] seconds
#   CPUS [unset]: the whole run confined to that many CPUs of time (confine_cpus, bench/server.sh)
#   IMAGE_EVERY [10]  (every Nth post gets a cover.png; 0 for none)
#
# Needs: java 17+, python3, curl. Only ever talks to 127.0.0.1.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
cd "$REPO_DIR"

PORT=${PORT:-8081}
IMPORT_TIMEOUT=${IMPORT_TIMEOUT:-300}
IMAGE_EVERY=${IMAGE_EVERY:-10}
SOURCE=bench

OUT_DIR=$REPO_DIR/bench/out/import
SITE_ZIP=$OUT_DIR/site.zip

LOG_PREFIX=import_bench
SAMPLER_PID=""
CLEANUP_HOOK=stop_sampler

# Server lifecycle (log, die, start_server, stop_server, ...): see bench/server.sh.
source "$SCRIPT_DIR/server.sh"
IMPORT_URL="$BASE_URL/api/admin/import?source=$SOURCE"

stop_sampler() {
    if [[ -n $SAMPLER_PID ]]; then
        kill -TERM "$SAMPLER_PID" 2>/dev/null || true
        wait "$SAMPLER_PID" 2>/dev/null || true
        SAMPLER_PID=""
    fi
}

server_traps
confine_cpus

# ---------------------------------------------------------------- prerequisites
check_prerequisites "$GENERATOR"
[[ $PORT =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$PORT'"

check_port_free

mkdir -p "$OUT_DIR"

# ---------------------------------------------------------------- 1. data, 2. site archive
log "generating blog data with $GENERATOR"
python3 "$GENERATOR" "$BLOG_DIR" >&2
[[ -d $BLOG_DIR/md ]] || die "generator did not write $BLOG_DIR/md"

log "building the Hugo site archive (bench/make_import_site.py, a cover.png in every ${IMAGE_EVERY}th bundle)"
SITE_LINE=$(python3 "$SCRIPT_DIR/make_import_site.py" "$BLOG_DIR" "$SITE_ZIP" --image-every "$IMAGE_EVERY") \
    || die "building the site archive failed"
echo "$SITE_LINE"
# "posts images zip_bytes unpacked_bytes entries"
read -r POSTS IMAGES ZIP_BYTES UNPACKED_BYTES ENTRIES < <(python3 -c '
import os, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
print(sum(n.endswith("/index.md") for n in names), sum(n.endswith("/cover.png") for n in names),
      os.path.getsize(sys.argv[1]), sum(i.file_size for i in z.infolist()), len(names))
' "$SITE_ZIP") || die "could not read $SITE_ZIP"
((POSTS > 0)) || die "the site archive holds no posts"

ZIP_SIZE=$(awk -v b="$ZIP_BYTES" 'BEGIN { printf "%.1f MiB", b / 1048576 }')
UNPACKED_SIZE=$(awk -v b="$UNPACKED_BYTES" 'BEGIN { printf "%.1f MiB", b / 1048576 }')
echo "site archive: $ZIP_SIZE ($ZIP_BYTES bytes), $ENTRIES files ($POSTS posts, $IMAGES images), $UNPACKED_SIZE unpacked"

# ---------------------------------------------------------------- 3. build and start
start_server   # sets JAVA_BIN, SERVER_PID, LAUNCHER_PID, STARTUP_SECONDS

# ---------------------------------------------------------------- memory sampling
rss_kb() {
    local key value _
    while read -r key value _; do
        if [[ $key == VmRSS: ]]; then
            echo "$value"
            return 0
        fi
    done <"/proc/$SERVER_PID/status" 2>/dev/null || true
}

# Writes the highest VmRSS seen (kB) to $1, checking every 0.2 s until killed. Reads
# /proc with bash builtins only, so the sampler itself costs next to nothing.
sample_peak_rss() {
    local out=$1 peak=0 kb key value _
    trap 'exit 0' TERM
    while :; do
        kb=""
        if [[ -r /proc/$SERVER_PID/status ]]; then
            while read -r key value _; do
                [[ $key == VmRSS: ]] && { kb=$value; break; }
            done <"/proc/$SERVER_PID/status" 2>/dev/null || true
        fi
        if [[ -n $kb ]] && ((kb > peak)); then
            peak=$kb
            echo "$peak" >"$out.tmp" && mv -f "$out.tmp" "$out"
        fi
        sleep 0.2
    done
}

# ---------------------------------------------------------------- 4./5. imports
# report.json -> "files created updated unchanged failed skipped pruned warnings applied"
report_totals() {
    python3 -c '
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
t = r["totals"]
print(*(t[k] for k in ("files", "created", "updated", "unchanged", "failed", "skipped", "pruned", "warnings")),
      str(r.get("applied")).lower())
' "$1"
}

# Prints the first failed files of a report with their errors (or the body, if it is no report).
report_failures() {
    python3 - "$1" >&2 <<'EOF' || true
import json, sys
try:
    r = json.load(open(sys.argv[1], encoding="utf-8"))
    files = r["files"]
except Exception:
    sys.stdout.write(open(sys.argv[1], encoding="utf-8", errors="replace").read(2000) + "\n")
    sys.exit(0)
bad = [f for f in files if f.get("action") == "failed" or f.get("errors")]
print("%d file(s) with errors; the first ones:" % len(bad))
for f in bad[:5]:
    msgs = "; ".join(("line %s: " % e["line"] if e.get("line") else "") + str(e.get("message"))
                     for e in f.get("errors") or []) or "(no error message)"
    print("  %s [%s]: %s" % (f.get("path"), f.get("action"), msgs))
other = [f for f in files if f.get("action") not in ("created", "unchanged", "updated", "failed")]
for f in other[:5]:
    print("  %s [%s]" % (f.get("path"), f.get("action")))
EOF
}

# run_import NAME REPORT_FILE -> sets IMPORT_CODE, IMPORT_SECONDS, RSS_BEFORE_KB, RSS_PEAK_KB, RSS_AFTER_KB
run_import() {
    local name=$1 report=$2 peak_file=$OUT_DIR/peak-rss-$1.txt out
    rm -f -- "$report" "$peak_file"
    RSS_BEFORE_KB=$(rss_kb)
    sample_peak_rss "$peak_file" &
    SAMPLER_PID=$!
    log "$name: POST $IMPORT_URL ($ZIP_SIZE zip)"
    # "Expect:" turns off curl's 100-continue handshake for large bodies, which could add up
    # to a second of waiting that is no part of the import.
    out=$(curl -sS -m "$IMPORT_TIMEOUT" -o "$report" -w '%{http_code} %{time_total}' -X POST \
        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/zip' -H 'Expect:' \
        --data-binary @"$SITE_ZIP" "$IMPORT_URL") || out="000 0"
    sleep 0.3   # one more sample after the response
    stop_sampler
    read -r IMPORT_CODE IMPORT_SECONDS <<<"$out"
    IMPORT_SECONDS=$(awk -v s="$IMPORT_SECONDS" 'BEGIN { printf "%.2f", s }')
    RSS_PEAK_KB=$(cat "$peak_file" 2>/dev/null || true)
    RSS_AFTER_KB=$(rss_kb)
    if [[ $IMPORT_CODE != 200 ]]; then
        log "$name answered HTTP $IMPORT_CODE after ${IMPORT_SECONDS}s"
        [[ -s $report ]] && report_failures "$report"
        if [[ $IMPORT_CODE == 404 ]]; then
            log "404: the packaged server has no import API; rebuild it (./mvnw -B -q package -DskipTests)"
        fi
        tail -n 20 "$LOG_FILE" >&2 || true
        die "$name failed (HTTP $IMPORT_CODE, expected 200; report: $report)"
    fi
}

# import 1: everything new
run_import first-import "$OUT_DIR/report1.json"
FIRST_SECONDS=$IMPORT_SECONDS
FIRST_RSS_BEFORE=$RSS_BEFORE_KB FIRST_RSS_PEAK=$RSS_PEAK_KB FIRST_RSS_AFTER=$RSS_AFTER_KB
read -r T_FILES T_CREATED T_UPDATED T_UNCHANGED T_FAILED T_SKIPPED T_PRUNED T_WARNINGS T_APPLIED \
    < <(report_totals "$OUT_DIR/report1.json") || die "could not read $OUT_DIR/report1.json"
FIRST_TOTALS="files=$T_FILES created=$T_CREATED updated=$T_UPDATED unchanged=$T_UNCHANGED failed=$T_FAILED skipped=$T_SKIPPED pruned=$T_PRUNED warnings=$T_WARNINGS applied=$T_APPLIED"
FIRST_RATE=$(awk -v n="$POSTS" -v s="$FIRST_SECONDS" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
echo "first import: ${FIRST_SECONDS} s, ${FIRST_RATE} posts/s; $FIRST_TOTALS"
echo "first import: JVM VmRSS before $(mb "$FIRST_RSS_BEFORE"), peak during $(mb "$FIRST_RSS_PEAK"), after $(mb "$FIRST_RSS_AFTER")"
if [[ $T_CREATED != "$POSTS" || $T_FAILED != 0 || $T_APPLIED != true ]]; then
    report_failures "$OUT_DIR/report1.json"
    die "first import: expected created=$POSTS failed=0 applied=true, got $FIRST_TOTALS"
fi

# import 2: the same archive again, nothing to change
run_import re-import "$OUT_DIR/report2.json"
SECOND_SECONDS=$IMPORT_SECONDS
SECOND_RSS_BEFORE=$RSS_BEFORE_KB SECOND_RSS_PEAK=$RSS_PEAK_KB SECOND_RSS_AFTER=$RSS_AFTER_KB
read -r T_FILES T_CREATED T_UPDATED T_UNCHANGED T_FAILED T_SKIPPED T_PRUNED T_WARNINGS T_APPLIED \
    < <(report_totals "$OUT_DIR/report2.json") || die "could not read $OUT_DIR/report2.json"
SECOND_TOTALS="files=$T_FILES created=$T_CREATED updated=$T_UPDATED unchanged=$T_UNCHANGED failed=$T_FAILED skipped=$T_SKIPPED pruned=$T_PRUNED warnings=$T_WARNINGS applied=$T_APPLIED"
echo "re-import: ${SECOND_SECONDS} s; $SECOND_TOTALS"
echo "re-import: JVM VmRSS before $(mb "$SECOND_RSS_BEFORE"), peak during $(mb "$SECOND_RSS_PEAK"), after $(mb "$SECOND_RSS_AFTER")"
if [[ $T_UNCHANGED != "$POSTS" || $T_FAILED != 0 ]]; then
    report_failures "$OUT_DIR/report2.json"
    die "re-import: expected unchanged=$POSTS failed=0, got $SECOND_TOTALS"
fi
HWM_KB=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null || true)

# ---------------------------------------------------------------- 8. stop
stop_server

# ---------------------------------------------------------------- 9. summary
verdict() { awk -v s="$1" -v t="$2" 'BEGIN { print (s < t ? "met" : "MISSED") }'; }
echo
echo "### Import benchmark (Hugo site archive)"
echo
host_line
echo "curl and server on the same host. Archive: $POSTS page bundles of the standard data set"
echo "($IMAGES with a 64x64 \`cover.png\`), zip $ZIP_SIZE, $UNPACKED_SIZE unpacked; one"
echo "\`POST /api/admin/import?source=$SOURCE\` each, into an empty database, then again unchanged."
echo
echo "| Measure | Result | Target |"
echo "|---|---:|---|"
echo "| First import ($POSTS posts, $IMAGES images: all created) | ${FIRST_SECONDS} s (${FIRST_RATE} posts/s) | < 10 s ($(verdict "$FIRST_SECONDS" 10)) |"
echo "| Re-import of the same archive (all unchanged) | ${SECOND_SECONDS} s | < 2 s ($(verdict "$SECOND_SECONDS" 2)) |"
echo "| JVM resident memory during the first import (VmRSS peak; before) | $(mb "$FIRST_RSS_PEAK") ($(mb "$FIRST_RSS_BEFORE")) | flat: archive streamed to disk |"
echo "| JVM resident memory during the re-import (VmRSS peak; before) | $(mb "$SECOND_RSS_PEAK") ($(mb "$SECOND_RSS_BEFORE")) | flat |"
echo "| Site archive (zip) | $ZIP_SIZE ($ENTRIES files) | |"
echo
echo "JVM peak resident memory over the whole run (VmHWM, incl. startup): $(mb "$HWM_KB"). Reports: $OUT_DIR/report{1,2}.json."
