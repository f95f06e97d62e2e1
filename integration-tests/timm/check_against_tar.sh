#!/usr/bin/env bash
# check_against_tar.sh DIR SPLIT TSV: compares read_with_timm.py's output (TSV) with the split's
# shards read by GNU tar: the same keys in the same order, each label equal to the <key>.cls member,
# and the count equal to _info.json's num_samples for the split. A split with an "alt_label"
# (imagenet22k's train_12k, validation_12k) holds, as timm's reader yields it, only the samples whose
# json has that label >= 0, labelled with it instead of .cls.
set -euo pipefail
dir=$1 split=$2 tsv=$3
py=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
read -r num_samples alt_label files < <("$py" - "$dir/_info.json" "$split" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))["splits"][sys.argv[2]]
print(s["num_samples"], s.get("alt_label") or "-", " ".join(s["filenames"]))
EOF
)
for f in $files; do
  # every .cls member in archive order: key <TAB> label (the member's ASCII text, or the json's alt_label)
  rm -rf "$tmp/x" && mkdir "$tmp/x"
  tar -tf "$dir/$f" | grep '\.cls$' > "$tmp/order" || true
  if [[ "$alt_label" == - ]]; then
    tar -xf "$dir/$f" -C "$tmp/x" --wildcards '*.cls'
    while read -r m; do
      printf '%s\t%s\n' "${m%.cls}" "$(tr -d '[:space:]' < "$tmp/x/$m")"
    done < "$tmp/order"
  else
    tar -xf "$dir/$f" -C "$tmp/x" --wildcards '*.json'
    "$py" - "$tmp/x" "$alt_label" "$tmp/order" <<'EOF'
import json, sys
folder, field, order = sys.argv[1:4]
for line in open(order):
    key = line.rstrip("\n")[: -len(".cls")]
    label = json.load(open(f"{folder}/{key}.json"))[field]
    if label >= 0:  # timm's reader skips a sample whose alternative label is negative
        print(f"{key}\t{label}")
EOF
  fi
done > "$tmp/tar.tsv"
cut -f1,2 "$tsv" > "$tmp/timm.tsv"
n_tar=$(wc -l < "$tmp/tar.tsv") n_timm=$(wc -l < "$tmp/timm.tsv")
what=".cls members"
[[ "$alt_label" == - ]] || what="samples with $alt_label >= 0"
echo "split $split: _info.json num_samples $num_samples, $what (GNU tar) $n_tar, timm samples $n_timm"
if [[ "$n_tar" != "$num_samples" || "$n_timm" != "$num_samples" ]]; then
  echo "counts differ" >&2; exit 1
fi
if ! diff -q "$tmp/tar.tsv" "$tmp/timm.tsv" >/dev/null; then
  echo "keys/labels differ (tar < > timm):" >&2; diff "$tmp/tar.tsv" "$tmp/timm.tsv" | head -20 >&2; exit 1
fi
echo "keys and labels identical, in the same order"
