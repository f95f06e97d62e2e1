package org.imagenetwds.image.jpeg;

import org.imagenetwds.image.ImageRejectedException;

/** The blocks of a sequential (baseline or extended) scan, decoded as jdhuff.c's decode_mcu decodes them. */
final class SequentialScan {

    private SequentialScan() {
    }

    /**
     * One block, the hot loop of the whole check: the bit buffer is kept in locals, and a code and
     * its extra bits are skipped in one step ({@link HuffmanTable#steps}), two AC symbols at once
     * when both lie within the lookahead ({@link HuffmanTable#pairs}).
     */
    static void block(EntropyReader r, HuffmanTable dc, HuffmanTable ac) throws ImageRejectedException {
        long bitBuffer = r.acc;
        int bitCount = r.accBits;
        if (bitCount < 32) {
            r.fill();
            bitBuffer = r.acc;
            bitCount = r.accBits;
        }
        int peek = (int) (bitBuffer >>> (bitCount - 16)) & 0xFFFF;
        int step = dc.steps[peek >>> (16 - HuffmanTable.LOOKAHEAD)];
        if (step == 0) {
            r.accBits = bitCount;
            step = HuffmanTable.step(r.decodeLong(dc, peek), false) + (16 << 8); // decodeLong took the code's bits
            bitCount = r.accBits + 16;
        }
        bitCount -= step >>> 8;
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
                step = HuffmanTable.step(r.decodeLong(ac, peek), true) + (16 << 8);
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
    }
}
