package org.imagenetwds.image.jpeg;

import org.imagenetwds.image.ImageRejectedException;

/** The blocks of a sequential (baseline or extended) scan, decoded as jdhuff.c's decode_mcu decodes them. */
final class SequentialScan {

    private SequentialScan() {
    }

    /**
     * One block, the hot loop of the whole check: the bit buffer is kept in locals, a code and its
     * extra bits are skipped in one step, two AC symbols at once when both lie within the lookahead
     * ({@link HuffmanTable#pairs}). The DC difference alone is computed, and only when
     * {@code dcWanted}: the luma DC image is made of it.
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
        int entry = dc.lookup[(int) (bitBuffer >>> (64 - HuffmanTable.LOOKAHEAD))];
        int size;
        if (entry != 0) {
            size = entry & 0xFF;
            bitBuffer <<= entry >>> 8;
            bitCount -= entry >>> 8;
        } else {
            r.acc = bitBuffer;
            r.accBits = bitCount;
            size = r.decodeLong(dc); // took the code's bits
            bitBuffer = r.acc;
            bitCount = r.accBits;
        }
        // at least 32 bits were buffered: a code (<= 16) and its extra bits (<= 15) are all in
        int difference = !dcWanted || size == 0 ? 0 : EntropyReader.extend((int) (bitBuffer >>> (64 - size)), size);
        bitBuffer <<= size;
        bitCount -= size;
        int k = 1;
        while (true) {
            if (bitCount < 32) {
                r.acc = bitBuffer;
                r.accBits = bitCount;
                r.fill();
                bitBuffer = r.acc;
                bitCount = r.accBits;
            }
            int pair = ac.pairs[(int) (bitBuffer >>> (64 - HuffmanTable.LOOKAHEAD))];
            if (pair == 0) {
                r.acc = bitBuffer;
                r.accBits = bitCount;
                int step = HuffmanTable.step(r.decodeLong(ac)); // took the code's bits
                bitBuffer = r.acc << (step >>> 8);
                bitCount = r.accBits - (step >>> 8);
                k += step & 0xFF;
            } else if (k + (pair & 0x7F) >= 64) {
                // the block ends with the first symbol: the second, if any, is the next block's
                bitBuffer <<= (pair >>> 7) & 0x1F;
                bitCount -= (pair >>> 7) & 0x1F;
                break;
            } else {
                k += (pair >>> 12) & 0x7F;
                bitBuffer <<= pair >>> 19;
                bitCount -= pair >>> 19;
            }
            if (k >= 64) {
                break;
            }
        }
        r.acc = bitBuffer;
        r.accBits = bitCount;
        return difference;
    }
}
