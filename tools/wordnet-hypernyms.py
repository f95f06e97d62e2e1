#!/usr/bin/env python3
"""Derives the class-parent table of the ImageNet WNIDs from the WordNet 3.0 noun database.

Run once, by hand, where Debian's `wordnet-base` (1:3.0-*) is installed; the tool reads only the table:

    python3 tools/wordnet-hypernyms.py /usr/share/wordnet/data.noun \
        src/main/resources/org/imagenetwds/dataset/synset_lemmas.txt.gz \
        src/main/resources/org/imagenetwds/hierarchy/wordnet_hypernyms.tsv.gz

Every ImageNet WNID is 'n' + the 8-digit offset of a noun synset in data.noun. Output: one line per
WNID of the list and per ancestor of one, in WNID order, `wnid<TAB>parent,parent,...` with the
parents in data.noun's order: its hypernyms (`@`), or its instance hypernyms (`@i`) when it has no
hypernym; the root (entity) has none. An ancestor that is not in the list (whose lemmas the tool does
not ship) gets a third column, its first lemma, for the dataset card's tree. Gzip written without a name or a time, so the same inputs give
the same bytes.
"""
import gzip
import sys


def parents_by_wnid(data_noun):
    table, names = {}, {}
    with open(data_noun, encoding='utf-8') as f:
        for line in f:
            if line.startswith('  '):  # the licence header
                continue
            fields = line.split(' | ')[0].split()
            offset, words = fields[0], int(fields[3], 16)
            at = 4 + 2 * words
            pointers = int(fields[at])
            hypernyms, instance_of = [], []
            for p in range(pointers):
                symbol, target, pos = fields[at + 1 + 4 * p: at + 4 + 4 * p]
                if pos == 'n' and symbol == '@':
                    hypernyms.append('n' + target)
                elif pos == 'n' and symbol == '@i':
                    instance_of.append('n' + target)
            table['n' + offset] = hypernyms or instance_of
            names['n' + offset] = fields[4].replace('_', ' ')
    return table, names


def main(data_noun, wnid_list, out):
    table, names = parents_by_wnid(data_noun)
    with gzip.open(wnid_list, 'rt', encoding='utf-8') as f:
        wnids = [line.split('\t')[0] for line in f if line.strip()]
    missing = [w for w in wnids if w not in table]
    if missing:
        sys.exit('not WordNet 3.0 noun synsets: %s' % ', '.join(missing[:10]))
    kept, todo = set(), list(wnids)
    while todo:
        w = todo.pop()
        if w not in kept:
            kept.add(w)
            todo.extend(table[w])
    listed = set(wnids)
    text = ''.join('%s\t%s%s\n' % (w, ','.join(table[w]), '' if w in listed else '\t' + names[w]) for w in sorted(kept))
    with open(out, 'wb') as raw:
        with gzip.GzipFile(filename='', mode='wb', fileobj=raw, mtime=0, compresslevel=9) as z:
            z.write(text.encode('utf-8'))
    print('%d WNIDs listed, %d with their ancestors, written to %s' % (len(wnids), len(kept), out))


if __name__ == '__main__':
    main(*sys.argv[1:4])
