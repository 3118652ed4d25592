#!/usr/bin/env python3
"""Publish posts through the Admin API while a read benchmark runs.

Usage:
    python3 writer.py --base-url http://127.0.0.1:8080 --token bench-token
                      [--workers 1] [--rate 1.0] [--seconds 60] [--tags "Bench A,Bench B"]

Each worker creates published posts (one tag of --tags each, an ~800-word body) in a loop:
at --rate posts per second in all (0 = as fast as the server answers), for --seconds. Prints
one line at the end: posts written, failures, posts/s. Loopback targets only. Stdlib only.
"""
import argparse
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

BODY = " ".join("word%d" % (i % 97) for i in range(800))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", default="http://127.0.0.1:8080")
    parser.add_argument("--token", default="bench-token")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rate", type=float, default=1.0)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--tags", default="Bench writes")
    args = parser.parse_args()
    if urllib.parse.urlsplit(args.base_url).hostname not in {"127.0.0.1", "localhost"}:
        raise SystemExit("loopback targets only")
    tags = [t.strip() for t in args.tags.split(",") if t.strip()]
    deadline = time.monotonic() + args.seconds
    interval = args.workers / args.rate if args.rate > 0 else 0
    counts = {"ok": 0, "failed": 0}
    lock = threading.Lock()

    def work(worker):
        n = 0
        next_at = time.monotonic()
        while time.monotonic() < deadline:
            n += 1
            body = json.dumps({"title": "Written %d-%d-%d" % (worker, n, time.time_ns()),
                               "markdown": BODY, "tags": [tags[n % len(tags)]], "status": "published"}).encode()
            request = urllib.request.Request(args.base_url + "/api/admin/posts", data=body, method="POST",
                                             headers={"Authorization": "Bearer " + args.token,
                                                      "Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    response.read()
                ok = True
            except (urllib.error.URLError, OSError):
                ok = False
            with lock:
                counts["ok" if ok else "failed"] += 1
            if interval:
                next_at += interval
                time.sleep(max(0.0, next_at - time.monotonic()))

    started = time.monotonic()
    threads = [threading.Thread(target=work, args=(w,)) for w in range(args.workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    print("posts written: %d, failed: %d, %.1f posts/s" % (counts["ok"], counts["failed"], counts["ok"] / elapsed))


if __name__ == "__main__":
    main()
