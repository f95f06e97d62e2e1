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
        return STEPS[symbol];
    }

    /** {@link #step} of every symbol: building the pairs looks up two steps per prefix. */
    private static final int[] STEPS = new int[256];

    static {
        for (int symbol = 0; symbol < 256; symbol++) {
            int size = symbol & 15;
            STEPS[symbol] = size != 0 ? (size << 8) | ((symbol >> 4) + 1) : symbol == 0xF0 ? 16 : 64;
        }
    }

    /** The step of the code at the start of a LOOKAHEAD-bit prefix (see {@link #pairs}); 0 for a longer code. */
    private int stepAt(int prefix) {
        int entry = lookup[prefix];
        return entry == 0 ? 0 : STEPS[entry & 0xFF] + (entry & ~0xFF);
    }

    /**
     * Per code rather than per prefix: the prefixes of one code differ in its extra bits, which
     * repeat one pattern of second codes, and in the second code's bits; each pattern is worked out
     * once and copied (building the tables was ~5 % of the check: nearly every image has its own).
     */
    private void pairSteps() {
        int i = 0;
        while (i < 1 << LOOKAHEAD) {
            int entry = lookup[i];
            if (entry == 0) {
                i++;
                continue;
            }
            int span = 1 << (LOOKAHEAD - (entry >>> 8));
            int first = STEPS[entry & 0xFF] + (entry & ~0xFF);
            int bits1 = first >>> 8;
            int move1 = first & 0xFF;
            int single = move1 | bits1 << 7 | move1 << 12 | bits1 << 19;
            if (move1 == 64 || bits1 >= LOOKAHEAD) {
                java.util.Arrays.fill(pairs, i, i + span, single);
            } else {
                int known = 1 << (LOOKAHEAD - bits1); // what the prefix holds of the next code
                for (int j = 0; j < known; j++) {
                    int second = stepAt(j << bits1);
                    // the second code and its extra bits must lie within the prefix's known bits
                    pairs[i + j] = second != 0 && (second >>> 8) <= LOOKAHEAD - bits1
                            ? single + ((second & 0xFF) << 12) + ((second >>> 8) << 19) : single;
                }
                for (int copy = i + known; copy < i + span; copy += known) {
                    System.arraycopy(pairs, i, pairs, copy, known);
                }
            }
            i += span;
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
                    java.util.Arrays.fill(t.lookup, code << shift, (code + 1) << shift, (l << 8) | symbols[k]);
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
