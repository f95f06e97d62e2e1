#!/usr/bin/env bash
# check_against_tar.sh DIR SPLIT TSV: compares read_with_timm.py's output (TSV) with the split's
# shards read by GNU tar: the same keys in the same order, each label equal to the <key>.cls member,
# and the count equal to _info.json's num_samples for the split.
set -euo pipefail
dir=$1 split=$2 tsv=$3
py=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
read -r num_samples files < <("$py" - "$dir/_info.json" "$split" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))["splits"][sys.argv[2]]
print(s["num_samples"], " ".join(s["filenames"]))
EOF
)
for f in $files; do
  # every .cls member in archive order: key <TAB> label (the member's ASCII text)
  rm -rf "$tmp/x" && mkdir "$tmp/x"
  tar -xf "$dir/$f" -C "$tmp/x" --wildcards '*.cls'
  tar -tf "$dir/$f" | grep '\.cls$' | while read -r m; do
    printf '%s\t%s\n' "${m%.cls}" "$(tr -d '[:space:]' < "$tmp/x/$m")"
  done
done > "$tmp/tar.tsv"
cut -f1,2 "$tsv" > "$tmp/timm.tsv"
n_tar=$(wc -l < "$tmp/tar.tsv") n_timm=$(wc -l < "$tmp/timm.tsv")
echo "split $split: _info.json num_samples $num_samples, .cls members (GNU tar) $n_tar, timm samples $n_timm"
if [[ "$n_tar" != "$num_samples" || "$n_timm" != "$num_samples" ]]; then
  echo "counts differ" >&2; exit 1
fi
if ! diff -q "$tmp/tar.tsv" "$tmp/timm.tsv" >/dev/null; then
  echo "keys/labels differ (tar < > timm):" >&2; diff "$tmp/tar.tsv" "$tmp/timm.tsv" | head -20 >&2; exit 1
fi
echo "keys and labels identical, in the same order"
