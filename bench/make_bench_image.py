#!/usr/bin/env python3
"""Writes a 1920x1280 RGB PNG (a smooth colour field with fine stripes) to stdout, stdlib only.
The media benchmark uploads it and serves the original and a 640-pixel variant.

    make_bench_image.py [WIDTH HEIGHT [SHADE]]   another size, and a blue level 0-127 (default 64)
                                                 so that several calls give different images"""
import struct
import sys
import zlib

WIDTH, HEIGHT = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) > 2 else (1920, 1280)
SHADE = int(sys.argv[3]) if len(sys.argv) > 3 else 64


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


rows = bytearray()
for y in range(HEIGHT):
    rows.append(0)  # filter: none
    for x in range(WIDTH):
        rows += bytes(((x * 255) // WIDTH, (y * 255) // HEIGHT, 128 + SHADE * ((x // 8 + y // 8) % 2)))

png = (b"\x89PNG\r\n\x1a\n"
       + chunk(b"IHDR", struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(bytes(rows), 6))
       + chunk(b"IEND", b""))
sys.stdout.buffer.write(png)
