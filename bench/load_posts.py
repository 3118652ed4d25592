#!/usr/bin/env python3
"""Load the generated blog (gen_blog_data.py's blog.json) into Inkwell through the Admin API.

Usage:
    python3 load_posts.py BLOG_JSON [--base-url http://127.0.0.1:8080] [--token bench-token]
                          [--workers 8] [--author "Inkwell Bench"] [--timeout 60]

Every post becomes one POST /api/admin/posts:
    title, slug, markdown (body_md), excerpt, tags (tag *names*, mapped from the data's
    slugs through blog.json's "tags" list), authors, status ("published" or "draft",
    as in the data) and publishedAt (the data's published_at; null for drafts).

Only loopback targets are accepted (this is a benchmark helper, not an importer).
A request answered 409 or 5xx (e.g. two workers creating the same tag at once) was
rolled back by the server, so it is retried a few times; anything else is a failure.
Prints one summary line; the exit status is non-zero if any post failed.
Stdlib only.
"""
import argparse
import concurrent.futures
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
RETRY_STATUSES = {409, 500, 502, 503, 504}
MAX_ATTEMPTS = 4


def build_requests(data, author):
    """The Admin API request bodies for the posts in blog.json, in the data's order."""
    tag_names = {t["slug"]: t["name"] for t in data.get("tags", [])}
    bodies = []
    for post in data["posts"]:
        draft = bool(post.get("draft")) or post.get("status") == "draft"
        missing = [s for s in post.get("tags", []) if s not in tag_names]
        if missing:
            raise ValueError("post %r uses unknown tag slugs %s" % (post["slug"], missing))
        body = {
            "title": post["title"],
            "slug": post["slug"],
            "markdown": post["body_md"],
            "excerpt": post.get("excerpt") or None,
            "tags": [tag_names[s] for s in post.get("tags", [])],
            "status": "draft" if draft else "published",
            "publishedAt": None if draft else (post.get("published_at") or post.get("date")),
        }
        if author:
            body["authors"] = [author]
        bodies.append(body)
    return bodies


def check_loopback(base_url):
    parsed = urllib.parse.urlsplit(base_url)
    if parsed.scheme != "http" or parsed.hostname not in LOOPBACK_HOSTS:
        raise SystemExit("refusing non-loopback target %r (only http://127.0.0.1|localhost)" % base_url)


def post_one(url, token, body, timeout):
    """POST one post; returns (ok, detail). Retries only answers that mean 'rolled back'."""
    payload = json.dumps(body).encode("utf-8")
    last = ""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        req = urllib.request.Request(url, data=payload, method="POST", headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Authorization": "Bearer " + token,
        })
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                resp.read()
                if resp.status == 201:
                    return True, ""
                return False, "HTTP %d" % resp.status
        except urllib.error.HTTPError as e:
            detail = e.read(500).decode("utf-8", "replace")
            last = "HTTP %d %s" % (e.code, detail)
            if e.code not in RETRY_STATUSES:
                return False, last
        except (urllib.error.URLError, OSError) as e:
            # A timeout may mean the post was created after all: do not retry blindly.
            return False, "I/O error: %s" % e
        time.sleep(0.2 * attempt)
    return False, last


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("blog_json")
    ap.add_argument("--base-url", default="http://127.0.0.1:8080")
    ap.add_argument("--token", default="bench-token")
    ap.add_argument("--workers", type=int, default=8)
    ap.add_argument("--author", default="Inkwell Bench",
                    help="author name set on every post ('' for none)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    a = ap.parse_args(argv)

    check_loopback(a.base_url)
    with open(a.blog_json, encoding="utf-8") as f:
        data = json.load(f)
    bodies = build_requests(data, a.author)
    url = a.base_url.rstrip("/") + "/api/admin/posts"

    start = time.monotonic()
    failures = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.workers)) as pool:
        futures = {pool.submit(post_one, url, a.token, b, a.timeout): b["slug"] for b in bodies}
        for fut in concurrent.futures.as_completed(futures):
            ok, detail = fut.result()
            if not ok:
                failures.append((futures[fut], detail))
    seconds = time.monotonic() - start

    loaded = len(bodies) - len(failures)
    published = sum(1 for b in bodies if b["status"] == "published")
    print("posts loaded: %d of %d (%d published, %d drafts) in %.1f s (%.0f posts/s, %d workers)" % (
        loaded, len(bodies), published, len(bodies) - published, seconds,
        loaded / seconds if seconds > 0 else 0.0, a.workers))
    for slug, detail in failures[:10]:
        print("  FAILED %s: %s" % (slug, detail[:300]), file=sys.stderr)
    if len(failures) > 10:
        print("  ... and %d more failures" % (len(failures) - 10), file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
