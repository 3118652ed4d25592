#!/usr/bin/env python3
"""Build a Hugo-style site archive from the standard benchmark data set (stdlib only).

Usage:
    python3 make_import_site.py BLOG_DIR OUT_ZIP [--image-every 10] [--image-size 64]

BLOG_DIR is the output directory of bench/gen_blog_data.py (its md/NNNN-<slug>.md
files are read). OUT_ZIP gets, written with zipfile (DEFLATED):

    content/posts/<slug>/index.md    the generated Markdown file, unchanged, except that
                                     every Nth post (NNNN divisible by --image-every, so 100
                                     of 1,000) also has
    content/posts/<slug>/cover.png   a small PNG whose colours derive from NNNN (so every
                                     image is distinct), referenced from the front matter
                                     ("image: cover.png", inserted before the closing ---)
                                     and from the body ("![cover](cover.png)" appended).

Entry timestamps are fixed, so the same data set always gives a byte-identical archive.
Prints one line to stdout: "posts=N images=M bytes=B -> OUT_ZIP".
"""
import argparse
import os
import re
import struct
import sys
import zipfile
import zlib

MD_NAME = re.compile(r"^(\d{4})-(.+)\.md$")
FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def make_png(index: int, size: int) -> bytes:
    """A size x size RGB PNG: a base colour from the index with a diagonal gradient over it."""
    base_r = (index * 97) % 256
    base_g = (index * 57 + 80) % 256
    base_b = (index * 23 + 160) % 256
    rows = bytearray()
    for y in range(size):
        rows.append(0)  # filter type: None
        for x in range(size):
            shade = (x + y) * 64 // (2 * size)
            rows += bytes(((base_r + shade) % 256, (base_g + shade) % 256, (base_b + x) % 256))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header)
            + png_chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + png_chunk(b"IEND", b""))


def front_matter_slug(text: str):
    match = re.search(r'^slug:\s*"?([^"\n]+?)"?\s*$', front_matter(text)[0], re.MULTILINE)
    return match.group(1) if match else None


def front_matter(text: str):
    """(front matter without delimiters, rest) of a file that starts with a --- block."""
    if not text.startswith("---\n"):
        raise ValueError("no YAML front matter")
    end = text.find("\n---\n", 3)
    if end < 0:
        raise ValueError("unterminated YAML front matter")
    return text[4:end + 1], text[end + 5:]


def with_image(text: str, image: str) -> str:
    """Adds 'image: <image>' as the front matter's last key and an image reference to the body."""
    fm, body = front_matter(text)
    if re.search(r"^image:", fm, re.MULTILINE):
        raise ValueError("front matter already has an image key")
    if not body.endswith("\n"):
        body += "\n"
    return "---\n" + fm + "image: " + image + "\n---\n" + body + "\n![cover](" + image + ")\n"


def add(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("blog_dir")
    parser.add_argument("out_zip")
    parser.add_argument("--image-every", type=int, default=10,
                        help="posts whose number is divisible by this get a cover.png (0: none)")
    parser.add_argument("--image-size", type=int, default=64)
    args = parser.parse_args()

    md_dir = os.path.join(args.blog_dir, "md")
    names = sorted(n for n in os.listdir(md_dir) if MD_NAME.match(n))
    if not names:
        print(f"no NNNN-<slug>.md files in {md_dir}", file=sys.stderr)
        return 1

    tmp = args.out_zip + ".tmp"
    images = 0
    seen = set()
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name in names:
            number_text, file_slug = MD_NAME.match(name).groups()
            number = int(number_text)
            with open(os.path.join(md_dir, name), encoding="utf-8", newline="") as f:
                text = f.read()
            slug = front_matter_slug(text) or file_slug
            if not re.fullmatch(r"[A-Za-z0-9._~-]+", slug) or slug in seen:
                raise SystemExit(f"{name}: unusable or duplicate slug {slug!r}")
            seen.add(slug)
            folder = f"content/posts/{slug}/"
            if args.image_every > 0 and number % args.image_every == 0:
                add(zf, folder + "index.md", with_image(text, "cover.png").encode("utf-8"))
                add(zf, folder + "cover.png", make_png(number, args.image_size))
                images += 1
            else:
                add(zf, folder + "index.md", text.encode("utf-8"))
    os.replace(tmp, args.out_zip)
    print(f"posts={len(names)} images={images} bytes={os.path.getsize(args.out_zip)} -> {args.out_zip}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
