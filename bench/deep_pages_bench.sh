#!/usr/bin/env bash
# Random deep pages of the post list on a large blog: what a client that asks for a new page each
# time (by number or by cursor) costs, at the issue's 68,000 posts.
#
#   bench/deep_pages_bench.sh      (from anywhere; paths are relative to this script)
#
# Steps:
#   1. The standard data set (1,000 posts, 900 published) through the Admin API, as
#      bench/read_bench.sh loads it, with the same server flags.
#   2. Random pages and random cursors at that size.
#   3. The published posts copied in SQL until POSTS live posts exist (new ids, slugs and dates;
#      tag and author links are not copied, so only the unfiltered list is measured). Loading
#      68,000 posts through the Admin API takes over 20 minutes on 2 cores; what is measured here
#      is reading, and the copies are rows like the ones the API wrote.
#   4. Random pages and random cursors again: first right after the copy and the background
#      marking of its search passages (cold: nearly every page is built for its request), then after reading random pages for another LARGE_WARMUP (warm:
#      the response cache holds the pages that fit, and the rest are built).
#
# Environment overrides (defaults in brackets):
#   POSTS [68000]  DURATION [15s]  LARGE_WARMUP [60s]  MARKING_TIMEOUT [1800] (seconds)  CONNECTIONS [32]  THREADS [2]  WARMUP [5s]  PORT [8080]
#   JAVA_OPTS [the small-server flags with -Xms192m -Xmx256m: a 68,400-post blog's list answers take
#     about 60 MB, and the content cache is a quarter of the heap; README, Configuration]
#   STARTUP_TIMEOUT [180]  LOAD_WORKERS [8]
#   CPUS [unset]: the whole run confined to that many CPUs of time (confine_cpus, bench/server.sh)
# Needs: java 17+, python3, curl, wrk, psql (apt-get install postgresql-client). Only ever
# talks to 127.0.0.1 and the server's own database socket.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
cd "$REPO_DIR"

POSTS=${POSTS:-68000}
LARGE_WARMUP=${LARGE_WARMUP:-60s}
MARKING_TIMEOUT=${MARKING_TIMEOUT:-1800}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}

OUT_DIR=$REPO_DIR/bench/out/deep-pages
LOG_PREFIX=deep_pages_bench

ASKED_JAVA_OPTS=${JAVA_OPTS:-}
source "$SCRIPT_DIR/server.sh"
# The later -Xms and -Xmx win.
[[ -n $ASKED_JAVA_OPTS ]] || JAVA_OPTS="$SMALL_SERVER_JAVA_OPTS -Xms192m -Xmx256m"
server_traps
confine_cpus

check_prerequisites "$GENERATOR"
command -v wrk >/dev/null || die "wrk is required (apt-get install wrk)"
command -v psql >/dev/null || die "psql is required (apt-get install postgresql-client)"
check_port_free
mkdir -p "$OUT_DIR"

python3 "$GENERATOR" "$BLOG_DIR" >&2
start_server
LOAD_LINE=$(python3 "$SCRIPT_DIR/load_posts.py" "$BLOG_DIR/blog.json" --base-url "$BASE_URL" --token "$TOKEN" \
    --workers "$LOAD_WORKERS") || die "loading posts failed: $LOAD_LINE"
log "$LOAD_LINE"

live_posts() {
    curl -fsS "$BASE_URL/api/content/posts?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pagination"]["total"])'
}
SMALL=$(live_posts)
measure_random_pages "random-$SMALL" "$DURATION"

# The embedded database, through its private socket, as the account that owns it.
export PGPASSWORD
PGPASSWORD=$(cat "$DATA_DIR/postgres-password")
COPIES=$(( (POSTS - SMALL + SMALL - 1) / SMALL ))
log "copying the $SMALL live posts $COPIES times in SQL"
started=$(date +%s)
psql -q -v ON_ERROR_STOP=1 -h "$DATA_DIR/postgres-socket" -U postgres -d postgres -v copies="$COPIES" <<'SQL'
begin;
-- A copy's stored JSON names the copy (its id, slug and date), as a post of its own would: copies
-- that repeated their source's JSON made every list entry one the server had sent before. The
-- first "slug" and "publishedAt" are the post's own: a stored post has them before its authors,
-- tags and categories (the field order of PostDtos.PublicPost and PublicPostSummary).
create function pg_temp.own_json(json text, id uuid, slug text, published_at timestamptz) returns text
language sql immutable as $$
    select regexp_replace(regexp_replace(regexp_replace(json,
        '^\{"id":"[^"]+"', '{"id":"' || id || '"'),
        '"slug":"[^"]+"', '"slug":"' || slug || '"'),
        '"publishedAt":"[^"]+"', '"publishedAt":"' || to_char(published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '"')
$$;
create temp table copy_of on commit drop as
    select lp.post_id as source, gen_random_uuid() as id, n
    from live_post lp cross join generate_series(1, :copies) n where lp.type = 'post';
insert into post
    select (jsonb_populate_record(null::post, to_jsonb(p)
            || jsonb_build_object('id', c.id, 'slug', p.slug || '-copy-' || c.n,
                                  'published_at', p.published_at - c.n * interval '30 days'))).*
    from post p join copy_of c on c.source = p.id;
insert into live_post (post_id, type, slug, published_at, snapshot_at, state, body_json, summary_json,
                       feature_image_id, search_language, search_title, search_terms, search_excerpt, search_body)
    select c.id, lp.type, copy.slug, copy.published_at, lp.snapshot_at, lp.state,
           pg_temp.own_json(lp.body_json, c.id, copy.slug, copy.published_at),
           pg_temp.own_json(lp.summary_json, c.id, copy.slug, copy.published_at),
           lp.feature_image_id, lp.search_language, lp.search_title, lp.search_terms, lp.search_excerpt, lp.search_body
    from live_post lp join copy_of c on c.source = lp.post_id
    cross join lateral (select lp.slug || '-copy-' || c.n as slug, lp.published_at - c.n * interval '30 days' as published_at) copy;
-- As a write by another instance would: every instance drops its cached lists.
insert into content_invalidation (origin, keys) values (gen_random_uuid(), 'posts');
commit;
vacuum analyze post;
vacuum analyze live_post;
SQL
# The copies' search passages are marked in the background (PassageMarker), some minutes of
# PostgreSQL's time at this size: measured reads start once that is done and vacuumed, as on a
# blog whose posts came in over time.
log "waiting for the copies' search passages to be marked"
marking_since=$SECONDS
until [[ $(psql -Atq -h "$DATA_DIR/postgres-socket" -U postgres -d postgres \
        -c "select exists (select 1 from live_post_passage where marks is null)") == f ]]; do
    ((SECONDS - marking_since < MARKING_TIMEOUT)) || die "passages still unmarked after ${MARKING_TIMEOUT}s (see $LOG_FILE)"
    sleep 5
done
psql -q -h "$DATA_DIR/postgres-socket" -U postgres -d postgres -c "vacuum analyze live_post_passage"
sleep 3
LARGE=$(live_posts)
log "$LARGE live posts after $(( $(date +%s) - started )) s"
measure_random_pages "random-$LARGE" "$DURATION"
WARMUP=$LARGE_WARMUP measure_random_pages "random-$LARGE-warm" "$DURATION"
stop_server

echo
echo "### Random deep pages"
echo
host_line
echo "wrk -t$THREADS -c$CONNECTIONS, $DURATION per phase after a $WARMUP warm-up ($LARGE_WARMUP for the warm ones). $LOAD_LINE; then copies in SQL up to $LARGE live posts."
echo
print_rows
