#!/usr/bin/env bash
# Backup and restore, end to end: what README "Backup and restore" says, run and checked.
#
#   bench/backup_restore_check.sh       (from anywhere; prints PASS or FAIL, exit status 0 or 1)
#
# Steps:
#   1. A PostgreSQL server of the Debian packages in a temp dir (bench/pg.sh; installs the
#      `postgresql` package with apt-get when missing and run as root), so that pg_dump and
#      pg_restore are the server's own version. (The embedded PostgreSQL is 16, and its jar has
#      no pg_dump; see the README.)
#   2. Server A (the packaged server, built when target/quarkus-app/quarkus-run.jar is missing)
#      on database `inkwell`, images in a directory (IMAGES_STORAGE=filesystem, the default) or
#      in the database (IMAGES_STORAGE=database).
#   3. Fills it through the Admin API: images (and a stored variant), published posts with
#      tags, categories, authors, feature images and aliases, drafts, a scheduled post, a page,
#      an unpublished post, a post with an unpublished edit, and slug changes of live posts
#      (the old slugs answer 301).
#   4. Backup: pg_dump -Fc of `inkwell`, and a tar of the media directory (filesystem storage).
#   5. Restore: a new, EMPTY database `restored` (checked empty), pg_restore into it, the tar
#      into a new media directory; server B on them.
#   6. Compares A and B through the API: every post and its revisions (Admin API), every list
#      page, post, page, tag, category and author (Content API), every image's metadata and
#      bytes (/media, original and variant), and every old slug's redirect.
#
# Environment overrides: PORT_BASE [18150] (PostgreSQL on it, A and B on the next two),
#   IMAGES_STORAGE [filesystem|database], WORK_DIR [a new /tmp/ops-backup-check.XXXXXX; deleted
#   after a PASS unless KEEP=1], SELF_TEST [0; 1: damage the restore (a post's title, a media file),
#   which must FAIL], JAVA_OPTS [README's small-server flags], STARTUP_TIMEOUT [180].
# Needs: java 17+, curl, jq, python3, and PostgreSQL's server programs (installed when root).
# Only ever talks to 127.0.0.1.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
cd "$REPO_DIR"

PORT_BASE=${PORT_BASE:-18150}
IMAGES_STORAGE=${IMAGES_STORAGE:-filesystem}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-180}
TOKEN=backup-check-token
WORK=${WORK_DIR:-$(mktemp -d /tmp/ops-backup-check.XXXXXX)}
LOG_PREFIX=backup_check

source "$SCRIPT_DIR/server.sh"
source "$SCRIPT_DIR/pg.sh"
case $IMAGES_STORAGE in filesystem | database) ;; *) die "IMAGES_STORAGE must be filesystem or database" ;; esac
for tool in curl jq python3 java; do command -v "$tool" >/dev/null || die "$tool is required"; done

cleanup() { stop_instances; pg_stop; }
CLEANUP_HOOK=cleanup
server_traps
mkdir -p "$WORK"

# ---------------------------------------------------------------- 1-2. PostgreSQL, server A
pg_start "$WORK/pg" "$PORT_BASE"
pg_tool createdb inkwell
A=http://127.0.0.1:$((PORT_BASE + 1))
B=http://127.0.0.1:$((PORT_BASE + 2))

# start_on DB MEDIA_DIR NAME PORT: a server on that database (and media directory).
start_on() {
    pg_server_env "$1"
    SERVER_ENV+=(INKWELL_IMAGES_STORAGE="$IMAGES_STORAGE" INKWELL_IMAGES_STORAGE_DIR="$2")
    start_instance "$WORK/$3" "$4"
}
start_on inkwell "$WORK/media-a" a $((PORT_BASE + 1))

# ---------------------------------------------------------------- 3. fill A
# api METHOD PATH [JSON]: an Admin API call on A; prints the answer.
api() {
    local -a body=()
    [[ $# -ge 3 ]] && body=(-H 'Content-Type: application/json' -d "$3")
    curl -fsS -X "$1" "$A/api/admin$2" -H "Authorization: Bearer $TOKEN" "${body[@]}"
}
new_post() { api POST /posts "$1" | jq -r .id; }
upload() {   # upload NAME WIDTH HEIGHT SHADE -> the image's JSON
    python3 "$SCRIPT_DIR/make_bench_image.py" "$2" "$3" "$4" \
        | curl -fsS -X POST "$A/api/admin/images?filename=$1.png" -H "Authorization: Bearer $TOKEN" \
            -H 'Content-Type: image/png' --data-binary @-
}
log "filling server A"
IMG1=$(upload cover 800 533 40)
IMG2=$(upload inline 300 200 90)
IMG3=$(upload unused 64 64 120)
IMG1_ID=$(jq -r .id <<<"$IMG1")
IMG2_URL=$(jq -r .url <<<"$IMG2")
api PATCH "/images/$IMG1_ID" '{"alt": "A cover", "caption": "Backed up"}' >/dev/null
curl -fsS -o /dev/null "$A$(jq -r .url <<<"$IMG1")?w=320"   # a stored variant

ONE=$(new_post '{"title": "Backups matter", "slug": "backups-matter", "status": "published",
  "markdown": "Dump it.\n\n![inline]('"$IMG2_URL"')", "tags": ["Backup", "PostgreSQL"], "categories": ["Operations"],
  "authors": ["Ops Person"], "publishedAt": "2024-03-01T10:00:00Z",
  "featureImage": {"imageId": "'"$IMG1_ID"'", "alt": "Cover"}, "meta": {"aliases": ["/2024/03/backups/"]}}')
# Two slug changes of a live post: both old slugs redirect.
for slug in backups-matter-v2 backups-matter-final; do
    api PATCH "/posts/$ONE" '{"slug": "'$slug'"}' >/dev/null
    api POST "/posts/$ONE/publish" >/dev/null
done
OLD_SLUGS=(backups-matter backups-matter-v2)
new_post '{"title": "A draft", "markdown": "Not yet.", "tags": ["Backup"]}' >/dev/null
LATER=$(new_post '{"title": "Scheduled", "markdown": "Later.", "tags": ["Restore"]}')
api POST "/posts/$LATER/publish" '{"publishAt": "2031-01-01T08:00:00Z"}' >/dev/null
api POST /posts '{"type": "page", "title": "About", "slug": "about", "markdown": "Who.", "status": "published"}' >/dev/null
GONE=$(new_post '{"title": "Withdrawn", "markdown": "Was live.", "status": "published"}')
api POST "/posts/$GONE/unpublish" >/dev/null
EDITED=$(new_post '{"title": "Live with an edit", "markdown": "Live text.", "status": "published", "tags": ["Restore"]}')
api PATCH "/posts/$EDITED" '{"markdown": "Unpublished edit."}' >/dev/null
for i in $(seq 1 30); do
    new_post '{"title": "Post '$i'", "markdown": "Body '$i' with *Markdown*.", "status": "published",
      "tags": ["Tag '$((i % 4))'"], "authors": ["Author '$((i % 3))'"], "publishedAt": "2023-01-'$(printf %02d "$i")'T12:00:00Z"}' >/dev/null
done
MOVED=$(new_post '{"title": "Moved page", "type": "page", "slug": "old-page", "markdown": "Here.", "status": "published"}')
api PATCH "/posts/$MOVED" '{"slug": "new-page"}' >/dev/null
api POST "/posts/$MOVED/publish" >/dev/null
OLD_SLUGS+=(old-page)

# ---------------------------------------------------------------- snapshot through the API
# paged BASE PATH: every item of a paged list, as one JSON array (limit 100 a page).
paged() {
    local base=$1 path=$2 page=1 pages=1 sep='?'
    [[ $path == *\?* ]] && sep='&'
    {
        while ((page <= pages)); do
            local answer
            answer=$(curl -fsS "$base$path${sep}limit=100&page=$page" -H "Authorization: Bearer $TOKEN")
            pages=$(jq .pagination.pages <<<"$answer")
            jq -c '.items[]' <<<"$answer"
            page=$((page + 1))
        done
    } | jq -s .
}

# snapshot BASE DIR: what the API answers, one file per thing, keys sorted.
snapshot() {
    local base=$1 out=$2 id slug url kind
    rm -rf "$out"; mkdir -p "$out/admin" "$out/content" "$out/media"
    local get=(curl -fsS -H "Authorization: Bearer $TOKEN")
    paged "$base" "/api/admin/posts?sort=createdAt" | jq -S . >"$out/admin/posts.json"
    for id in $(jq -r '.[].id' "$out/admin/posts.json"); do
        "${get[@]}" -D "$out/admin/$id.headers" "$base/api/admin/posts/$id" | jq -S . >"$out/admin/$id.json"
        grep -i '^etag:' "$out/admin/$id.headers" >"$out/admin/$id.etag" || true
        rm "$out/admin/$id.headers"
        paged "$base" "/api/admin/posts/$id/revisions" | jq -S . >"$out/admin/$id.revisions.json"
    done
    for kind in tags categories authors; do
        paged "$base" "/api/admin/$kind" | jq -S . >"$out/admin/$kind.json"
        curl -fsS "$base/api/content/$kind?limit=100" | jq -S . >"$out/content/$kind.json"
    done
    for kind in posts pages; do
        paged "$base" "/api/content/$kind" | jq -S . >"$out/content/$kind.json"
        for slug in $(jq -r '.[].slug' "$out/content/$kind.json"); do
            curl -fsS "$base/api/content/$kind/$slug" | jq -S . >"$out/content/$kind-$slug.json"
        done
    done
    curl -fsS "$base/api/content/posts?page=1&limit=20" | jq -S . >"$out/content/first-page.json"
    paged "$base" /api/admin/images | jq -S . >"$out/admin/images.json"
    for url in $(jq -r '.[].url' "$out/admin/images.json"); do
        for variant in "" "?w=320"; do
            local code
            code=$(curl -sS -o "$out/media/body" -w '%{http_code}' "$base$url$variant")
            printf '%s%s %s %s\n' "$url" "$variant" "$code" "$(sha256sum <"$out/media/body" | cut -d' ' -f1)" \
                >>"$out/media/sha256.txt"
        done
        rm -f "$out/media/body"
    done
    for slug in "${OLD_SLUGS[@]}"; do
        for kind in posts pages; do
            printf '%s/%s %s\n' "$kind" "$slug" "$(curl -sS -o /dev/null -D - "$base/api/content/$kind/$slug" \
                | tr -d '\r' | awk -v base="$base" 'NR == 1 { s = $2 } tolower($1) == "location:" { l = $2 }
                    END { if (index(l, base) == 1) l = substr(l, length(base) + 1); print s, l }')" \
                >>"$out/redirects.txt"
        done
    done
}

# ---------------------------------------------------------------- 4. backup
log "backup: pg_dump -Fc$( [[ $IMAGES_STORAGE == filesystem ]] && echo ' and a tar of the media directory')"
pg_tool pg_dump -Fc -d inkwell -f "$WORK/inkwell.dump"
if [[ $IMAGES_STORAGE == filesystem ]]; then
    tar -C "$WORK/media-a" -cf "$WORK/media.tar" .
fi

# ---------------------------------------------------------------- 5. restore into an empty database
pg_tool createdb restored
TABLES=$(pg_tool psql -d restored -Atc "select count(*) from pg_tables where schemaname = 'public'")
[[ $TABLES == 0 ]] || die "database 'restored' is not empty ($TABLES tables)"
log "restore: pg_restore into the empty database 'restored'"
pg_tool pg_restore --exit-on-error --no-owner -d restored "$WORK/inkwell.dump"
if [[ $IMAGES_STORAGE == filesystem ]]; then
    mkdir -p "$WORK/media-b"
    tar -C "$WORK/media-b" -xf "$WORK/media.tar"
fi
if [[ ${SELF_TEST:-0} == 1 ]]; then
    # The check of the check: a restore that lost something must FAIL.
    DAMAGED=$(pg_tool psql -d restored -Atc \
        "update post set title = title || '!' where id = (select id from post order by created_at limit 1) returning slug" | head -n1)
    log "SELF_TEST=1: retitled the post '$DAMAGED', deleting a media file"
    [[ $IMAGES_STORAGE == filesystem ]] && find "$WORK/media-b" -type f ! -name '*-w*' | head -n1 | xargs rm -f
fi
start_on restored "$WORK/media-b" b $((PORT_BASE + 2))

# ---------------------------------------------------------------- 6. compare
log "comparing A and B through the API"
snapshot "$A" "$WORK/snap-a"
# Whatever B cannot answer is left out of its snapshot (no stop on the first error): the diff shows it.
snapshot "$B" "$WORK/snap-b" || true
POSTS=$(jq length "$WORK/snap-a/admin/posts.json")
LIVE=$(jq length "$WORK/snap-a/content/posts.json")
IMAGES=$(jq length "$WORK/snap-a/admin/images.json")
REDIRECTS=$(grep -c ' 301 ' "$WORK/snap-a/redirects.txt" || true)
echo "A: $POSTS posts and pages (admin), $LIVE live posts, $IMAGES images, $REDIRECTS redirects (301)," \
     "$(jq '[.[] | select(.status == "draft")] | length' "$WORK/snap-a/admin/posts.json") drafts," \
     "$(jq '[.[] | select(.status == "scheduled")] | length' "$WORK/snap-a/admin/posts.json") scheduled;" \
     "images stored in: $IMAGES_STORAGE"
# The check itself must have something to compare.
((POSTS >= 37 && LIVE >= 32 && IMAGES == 3 && REDIRECTS == ${#OLD_SLUGS[@]})) \
    || die "server A does not hold what was written (see $WORK/snap-a)"
if diff -r "$WORK/snap-a" "$WORK/snap-b" >"$WORK/diff.txt"; then
    echo "PASS: the restored server answers the same for every post, revision, list, term, image (bytes) and redirect"
    stop_instances
    pg_stop
    [[ ${KEEP:-0} == 1 ]] || rm -rf -- "$WORK"
else
    head -n 60 "$WORK/diff.txt"
    echo "FAIL: the restored server answers differently (full diff: $WORK/diff.txt)"
    exit 1
fi
