package org.imagenetwds.image.jpeg;

import org.imagenetwds.image.ImageRejectedException;

/** The blocks of a sequential (baseline or extended) scan, decoded as jdhuff.c's decode_mcu decodes them. */
final class SequentialScan {

    private SequentialScan() {
    }

    /**
     * One block, the hot loop of the whole check: the bit buffer is kept in locals, and a code and
     * its extra bits are skipped in one step ({@link HuffmanTable#steps}), two AC symbols at once
     * when both lie within the lookahead ({@link HuffmanTable#pairs}). The DC difference alone is
     * computed, and only when {@code dcWanted}: the luma DC image is made of it.
     *
     * @return the block's DC difference from the previous block's of the component; 0 unless {@code dcWanted}
     */
    static int block(EntropyReader r, HuffmanTable dc, HuffmanTable ac, boolean dcWanted) throws ImageRejectedException {
        long bitBuffer = r.acc;
        int bitCount = r.accBits;
        if (bitCount < 32) {
            r.fill();
            bitBuffer = r.acc;
            bitCount = r.accBits;
        }
        int peek = (int) (bitBuffer >>> (bitCount - 16)) & 0xFFFF;
        int entry = dc.lookup[peek >>> (16 - HuffmanTable.LOOKAHEAD)];
        int size;
        if (entry != 0) {
            size = entry & 0xFF;
            bitCount -= entry >>> 8;
        } else {
            r.accBits = bitCount;
            size = r.decodeLong(dc, peek); // took the code's bits
            bitCount = r.accBits;
        }
        // at least 32 bits were buffered: a code (<= 16) and its extra bits (<= 15) are all in
        bitCount -= size;
        int difference = !dcWanted || size == 0 ? 0 : EntropyReader.extend((int) (bitBuffer >>> bitCount) & ((1 << size) - 1), size);
        int k = 1;
        while (k < 64) {
            if (bitCount < 32) {
                r.accBits = bitCount;
                r.fill();
                bitBuffer = r.acc;
                bitCount = r.accBits;
            }
            peek = (int) (bitBuffer >>> (bitCount - 16)) & 0xFFFF;
            int pair = ac.pairs[peek >>> (16 - HuffmanTable.LOOKAHEAD)];
            if (pair == 0) {
                r.accBits = bitCount;
                int step = HuffmanTable.step(r.decodeLong(ac, peek)) + (16 << 8);
                bitCount = r.accBits + 16 - (step >>> 8);
                k += step & 0xFF;
                continue;
            }
            k += pair & 0x7F;
            bitCount -= (pair >>> 7) & 0x1F;
            if (k < 64) { // the second symbol belongs to this block only while the block goes on
                k += (pair >>> 12) & 0x7F;
                bitCount -= pair >>> 19;
            }
        }
        r.accBits = bitCount;
        return difference;
    }
}
