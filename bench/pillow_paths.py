#!/usr/bin/python3
"""Pillow's time per image for the same three paths as ImagePathsBenchmark, on the same images.
copy: open + header (what the reference build does before copying bytes); resize: decode, BICUBIC
resize to shorter edge 600, encode q90 4:2:2; convert: decode the PNG, encode q90; and, beside
decodabilityCheck, libjpeg-turbo's entropy decode (draft mode: IDCT at 1/8) and full decode.
usage: pillow_paths.py SAMPLES_DIR   prints one line per path: PILLOW <path> <us per image>"""
import io, os, sys, time
from PIL import Image

d = sys.argv[1]
files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith('.JPEG'))
blobs = [open(f, 'rb').read() for f in files]
copy, resize = [], []
for b in blobs:
    (resize if min(Image.open(io.BytesIO(b)).size) > 600 else copy).append(b)
convert = []
for i in range(min(26, (len(copy) + 36) // 37)):  # none from a folder of large images only
    out = io.BytesIO()
    Image.open(io.BytesIO(copy[i * 37])).save(out, 'PNG')
    convert.append(out.getvalue())


def do_copy(b):
    im = Image.open(io.BytesIO(b))
    return im.size, b


def do_resize(b):
    im = Image.open(io.BytesIO(b))
    w, h = im.size
    s = 600 / min(w, h)
    im = im.convert('RGB') if im.mode not in ('RGB', 'L') else im
    out = io.BytesIO()
    im.resize((round(w * s), round(h * s)), Image.BICUBIC).save(out, 'JPEG', quality=90, subsampling=1)
    return out.getvalue()


def do_convert(b):
    out = io.BytesIO()
    Image.open(io.BytesIO(b)).convert('RGB').save(out, 'JPEG', quality=90, subsampling=1)
    return out.getvalue()


def do_entropy_decode(b):
    # libjpeg-turbo's nearest equivalent of decodabilityCheck: every Huffman code decoded, IDCT at 1/8
    im = Image.open(io.BytesIO(b))
    im.draft(im.mode, (im.size[0] // 8, im.size[1] // 8))
    im.load()


def do_full_decode(b):
    Image.open(io.BytesIO(b)).load()


for name, fn, data, rounds in (('copyWithStrip', do_copy, copy, 5), ('resize', do_resize, resize, 5),
                               ('decodabilityCheck(draft 1/8 decode)', do_entropy_decode, copy, 3),
                               ('decodabilityCheck(full decode)', do_full_decode, copy, 3),
                               ('convertPng', do_convert, convert, 5)):
    if not data:
        continue
    for b in data[:10]:
        fn(b)  # warm up
    t0 = time.perf_counter()
    n = 0
    for _ in range(rounds):
        for b in data:
            fn(b)
            n += 1
    print(f'PILLOW {name} {(time.perf_counter() - t0) / n * 1e6:.1f} us/image')
