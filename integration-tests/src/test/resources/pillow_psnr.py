#!/usr/bin/python3
"""For each line 'SOURCE<TAB>OURS' on stdin: Pillow resizes SOURCE to OURS's size with
Image.BICUBIC (the independent reference) and prints 'OURS<TAB>PSNR' of OURS against it (dB, RGB
or L, 8-bit peak 255)."""
import math
import sys

from PIL import Image, ImageChops, ImageStat

for line in sys.stdin:
    source, ours = line.rstrip('\n').split('\t')
    mine = Image.open(ours)
    src = Image.open(source)
    mode = 'L' if mine.mode == 'L' else 'RGB'
    reference = src.convert(mode).resize(mine.size, Image.BICUBIC)
    diff = ImageChops.difference(mine.convert(mode), reference)
    stat = ImageStat.Stat(diff)
    pixels = mine.size[0] * mine.size[1]
    mse = sum(s2 / pixels for s2 in stat.sum2) / len(stat.sum2)
    psnr = float('inf') if mse == 0 else 10 * math.log10(255 * 255 / mse)
    print(f'{ours}\t{psnr:.3f}', flush=True)
