#!/usr/bin/env python3
"""Read a WebDataset build with timm's own, unmodified WebDataset reader.

    python read_with_timm.py DIR SPLIT [--name imagenet12k] [--out FILE] [--img-mode RGB|none]

DIR is the dataset folder (the one holding _info.json), SPLIT a split name of its _info.json
(``train``, ``validation``, ...) or anything else timm accepts as a ``wds`` split (a brace
pattern such as ``imagenet1k-validation-{0000..0007}.tar|400``).

The dataset is made the way timm's users make it:
``timm.data.create_dataset('wds/<name>', root=DIR, split=SPLIT, is_training=False)`` (no shuffling,
iterated in this process, no DataLoader workers). One line per sample is written:

    key <TAB> label <TAB> WIDTHxHEIGHT <TAB> mode

where label, width, height and mode come from what the dataset yields (the PIL image timm decoded
and, by default, converted to RGB as it does for training; ``--img-mode none`` skips timm's
conversion so the mode is the file's own). A summary goes to stderr.

The key: timm's dataset yields ``(image, target)`` only. The key is taken from the same timm
object, ``dataset.reader.ds`` -- the webdataset DataPipeline that ReaderWds builds and iterates
itself; its samples are dicts ``{'image', 'target', 'json', '__key__'}`` (webdataset's ``map``
carries ``__key__`` over, and timm's own ``ReaderWds.filenames()`` reads it from there). That
pipeline is iterated a second time in lock step with the dataset; the two must agree on every
target and image size, otherwise the run fails.

Exit status: 0 when the count equals the split's num_samples in _info.json (when known) and
webdataset reported no error; 1 otherwise.
"""
import argparse
import importlib.util
import logging
import os
import sys
from itertools import zip_longest


def ensure_torchvision_importable():
    """Let ``import torchvision`` work when its C++ ops cannot load (does not touch timm).

    `import timm` imports torchvision. A torchvision wheel built for CUDA next to a CPU-only
    torch (as in the wheels this was written with: torchvision 0.28.0+cu130 with torch
    2.13.0+cpu) fails to load ``torchvision/_C.so`` (missing libtorch_cuda.so); torchvision then
    runs without its ops, except that ``torchvision/_meta_registrations.py`` registers fake
    kernels for ``torchvision::nms``/``qnms`` unconditionally and raises "operator
    torchvision::nms does not exist". Declaring those two schemas (no kernels) lets the import
    finish; torchvision still reports ``extension._has_ops() == False`` and nms would raise if
    called. Nothing here is used by the WebDataset reader. Does nothing when ``_C`` loads.
    """
    import torch

    spec = importlib.util.find_spec("torchvision")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = list(spec.submodule_search_locations)[0]
    libs = [f for f in os.listdir(folder) if f.startswith("_C") and f.endswith((".so", ".pyd"))]
    if not libs:
        return None
    try:
        torch.ops.load_library(os.path.join(folder, libs[0]))
        return None
    except OSError as e:
        print(f"read_with_timm: torchvision's C++ ops do not load ({e}); declaring "
              "torchvision::nms/qnms so that `import torchvision` works (ops unused here)",
              file=sys.stderr)
    lib = torch.library.Library("torchvision", "DEF")
    lib.define("nms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor")
    lib.define("qnms(Tensor qdets, Tensor scores, float iou_threshold) -> Tensor")
    return lib  # keep a reference: the definitions live as long as the Library object


class _CountWarnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("root", help="dataset folder (holds _info.json)")
    p.add_argument("split", help="split name in _info.json, e.g. train or validation")
    p.add_argument("--name", default="imagenet", help="dataset name after 'wds/' (timm ignores it)")
    p.add_argument("--out", help="write the sample lines here instead of stdout")
    p.add_argument("--img-mode", default="RGB",
                   help="timm's input_img_mode (default RGB, as timm uses); 'none' = no conversion")
    p.add_argument("--no-torchvision-shim", action="store_true",
                   help="do not declare torchvision::nms when torchvision's C++ ops do not load")
    args = p.parse_args(argv)

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    reader_log = _CountWarnings()
    logging.getLogger("timm.data.readers.reader_wds").addHandler(reader_log)

    _keep = None if args.no_torchvision_shim else ensure_torchvision_importable()  # noqa: F841
    import timm
    import webdataset
    from timm.data import create_dataset
    from timm.data.readers.reader_wds import ReaderWds

    img_mode = "" if args.img_mode.lower() == "none" else args.img_mode
    dataset = create_dataset(f"wds/{args.name}", root=args.root, split=args.split,
                             is_training=False, batch_size=1, input_img_mode=img_mode)
    reader = dataset.reader
    assert isinstance(reader, ReaderWds), type(reader)
    reader_log.count = 0  # from here on, a warning means webdataset skipped something
    info = reader.split_info
    print(f"read_with_timm: timm {timm.__version__}, webdataset {webdataset.__version__}; "
          f"split {args.split!r} -> name {info.name!r}, {len(info.filenames)} shard(s), "
          f"num_samples {info.num_samples}, alt_label {info.alt_label!r}", file=sys.stderr)

    out = open(args.out, "w") if args.out else sys.stdout
    count = 0
    labels = set()
    keys = set()
    duplicate_keys = 0
    mismatches = 0
    try:
        samples = iter(dataset)            # IterableImageDataset -> ReaderWds.__iter__ -> (img, target)
        first = next(samples, None)        # the reader builds its pipeline (reader.ds) on first use
        if first is None:
            pairs = []
        else:
            def dataset_items():
                yield first
                yield from samples
            pairs = zip_longest(dataset_items(), iter(reader.ds))
        for item, sample in pairs:
            if item is None or sample is None:
                raise SystemExit("read_with_timm: the dataset and its reader's pipeline yielded "
                                 "different numbers of samples")
            img, target = item
            key = sample["__key__"]
            if target != sample["target"] or img.size != sample["image"].size:
                mismatches += 1
            if key in keys:
                duplicate_keys += 1
            keys.add(key)
            labels.add(target)
            w, h = img.size
            out.write(f"{key}\t{target}\t{w}x{h}\t{img.mode}\n")
            count += 1
    finally:
        if out is not sys.stdout:
            out.close()
        else:
            out.flush()

    ok = True
    expected = info.num_samples
    line = f"read_with_timm: {count} samples from split {args.split!r}"
    if labels:
        line += f", {len(labels)} distinct labels ({min(labels)}..{max(labels)})"
    print(line, file=sys.stderr)
    if expected:
        same = count == expected
        ok &= same
        print(f"read_with_timm: _info.json num_samples {expected}: "
              f"{'equal' if same else 'DIFFERENT'}", file=sys.stderr)
    if reader_log.count:
        ok = False
        print(f"read_with_timm: {reader_log.count} warning(s) from timm's reader: webdataset "
              "errors are logged and the sample skipped (each shows twice: the dataset and "
              "reader.ds are both iterated)", file=sys.stderr)
    if duplicate_keys:
        ok = False
        print(f"read_with_timm: {duplicate_keys} duplicate key(s)", file=sys.stderr)
    if mismatches:
        ok = False
        print(f"read_with_timm: {mismatches} sample(s) where the dataset and reader.ds disagree",
              file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
