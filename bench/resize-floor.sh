#!/usr/bin/env bash
# The resize floor: every image of the benchmark corpus whose shorter edge is above 600 must be
# decoded, resampled and re-encoded, by the baseline and by the pipeline alike. Extracts those images
# from the corpus (make_corpus.py --scale S) and times our resize path (JMH, 1 thread) beside
# Pillow's (decode + BICUBIC + encode q90 4:2:2) on exactly them; prints their number and CPU
# seconds per image and for all of them. Usage: bench/resize-floor.sh [--scale 0.1]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
scale=0.1
[[ "${1:-}" == --scale ]] && scale="$2"
input="$(corpus "$scale")"
big="$work/large-$scale"
if [[ ! -f "$big/.done" ]]; then
  rm -rf "$big" && mkdir -p "$big"
  /usr/bin/python3 - "$input" "$big" <<'PY'
import glob, io, os, sys, tarfile
from PIL import Image
src, dst = sys.argv[1:]
for t in sorted(glob.glob(os.path.join(src, '*.tar'))):
    with tarfile.open(t) as tf:
        for m in tf:
            if m.isfile():
                data = tf.extractfile(m).read()
                if min(Image.open(io.BytesIO(data)).size) > 600:
                    open(os.path.join(dst, os.path.basename(m.name).rsplit('.', 1)[0] + '.JPEG'), 'wb').write(data)
PY
  touch "$big/.done"
fi
n=$(ls "$big" | grep -c '\.JPEG$')
machine
echo "corpus $input: $n images with shorter edge > 600"
(cd "$here/.." && mvn -B -q -DskipTests -pl bench -am install)
cp="$here/target/classes:$(cat "$here/target/bench-classpath.txt")"
java -cp "$cp" org.openjdk.jmh.Main 'ImagePathsBenchmark.resize$' -p samples="$big" -f 1 -wi 3 -w 5s -i 5 -r 5s -t 1 \
  | tee "$work/resize-floor.jmh" | grep -E '^ImagePathsBenchmark.resize '
ours=$(awk '/^ImagePathsBenchmark.resize / {print $(NF-3) / 1000}' "$work/resize-floor.jmh")
pillow=$(/usr/bin/python3 "$here/pillow_paths.py" "$big" | awk '/resize/ {print $3 / 1000}')
printf 'resize per image: imagenet-wds %.1f ms, Pillow %.1f ms; all %d images: %.1f vs %.1f CPU seconds\n' \
  "$ours" "$pillow" "$n" "$(calc "$ours * $n / 1000")" "$(calc "$pillow * $n / 1000")"
