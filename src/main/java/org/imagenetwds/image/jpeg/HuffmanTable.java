package org.imagenetwds.image.jpeg;

/** A decoding table built as jdhuff.c's jpeg_make_d_derived_tbl builds it, with its checks. */
final class HuffmanTable {
    /**
     * Bits one lookup decodes. Not 11, though measured as fast (nearly every sample has its own
     * tables, built per image): which codes pair up decides when the bit buffer is refilled, and
     * with it the count of bytes an "extraneous bytes after the last MCU" finding names.
     */
    static final int LOOKAHEAD = 12;
    /** (length << 8) | symbol for codes of at most LOOKAHEAD bits; 0 for longer codes. */
    final int[] lookup = new int[1 << LOOKAHEAD];
    /**
     * For an AC table's sequential decoding, per LOOKAHEAD-bit prefix: the first symbol's step
     * (code length + extra bits, and how far the coefficient index moves: run + 1, 16 for ZRL, 64
     * for EOB) and, when the next code and its extra bits also lie within the prefix, both steps
     * together, packed as move1 (7 bits) | bits1 << 7 (5 bits) | (move1 + move2) << 12 (7 bits) |
     * (bits1 + bits2) << 19 (move2 and bits2 0: no second); 0 for a first code longer than the
     * prefix. Null for a DC table.
     */
    final int[] pairs;
    final int[] maxCode = new int[17];
    final int[] valOffset = new int[17];
    final int[] symbols;

    private HuffmanTable(int[] symbols, boolean ac) {
        this.symbols = symbols;
        this.pairs = ac ? new int[1 << LOOKAHEAD] : null;
    }

    /** The extra bits << 8 | the index move of an AC symbol (see {@link #pairs}). */
    static int step(int symbol) {
        int size = symbol & 15;
        if (size != 0) {
            return (size << 8) | ((symbol >> 4) + 1);
        }
        return symbol == 0xF0 ? 16 : 64;
    }

    /** The step of the code at the start of a LOOKAHEAD-bit prefix (see {@link #pairs}); 0 for a longer code. */
    private int stepAt(int prefix) {
        int entry = lookup[prefix];
        return entry == 0 ? 0 : step(entry & 0xFF) + (entry & ~0xFF);
    }

    private void pairSteps() {
        for (int i = 0; i < 1 << LOOKAHEAD; i++) {
            int first = stepAt(i);
            if (first == 0) {
                continue;
            }
            int bits1 = first >>> 8;
            int move1 = first & 0xFF;
            int moves = move1;
            int bits = bits1;
            if (move1 < 64 && bits1 < LOOKAHEAD) {
                int second = stepAt((i << bits1) & ((1 << LOOKAHEAD) - 1));
                // the second code and its extra bits must lie within the prefix's known bits
                if (second != 0 && (second >>> 8) <= LOOKAHEAD - bits1) {
                    moves += second & 0xFF;
                    bits += second >>> 8;
                }
            }
            pairs[i] = move1 | bits1 << 7 | moves << 12 | bits << 19;
        }
    }

    /** Null when the code lengths over-fill the code space (libjpeg: "Bogus Huffman table definition"). */
    static HuffmanTable of(int[] counts, int[] symbols, boolean ac) {
        HuffmanTable t = new HuffmanTable(symbols, ac);
        int code = 0;
        int k = 0;
        for (int l = 1; l <= 16; l++) {
            t.valOffset[l] = k - code;
            if (code + counts[l] >= 1 << l && counts[l] > 0) {
                return null; // the all-ones code or beyond: libjpeg's "Bogus Huffman table definition"
            }
            for (int i = 0; i < counts[l]; i++, k++, code++) {
                if (l <= LOOKAHEAD) {
                    int shift = LOOKAHEAD - l;
                    for (int fill = 0; fill < 1 << shift; fill++) {
                        t.lookup[(code << shift) | fill] = (l << 8) | symbols[k];
                    }
                }
            }
            t.maxCode[l] = counts[l] == 0 ? -1 : code - 1;
            code <<= 1;
        }
        if (ac) {
            t.pairSteps();
        }
        return t;
    }
}
