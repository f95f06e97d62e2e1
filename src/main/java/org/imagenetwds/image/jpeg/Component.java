package org.imagenetwds.image.jpeg;

/** One frame component: its sampling, its size in blocks, and (progressive) its coefficient state. */
final class Component {
    final int id;
    final int h;
    final int v;
    final int quant;
    /** Blocks holding image data (a single-component scan's MCUs). */
    int blocksAcross;
    int blocksDown;
    /** Blocks including the padding an interleaved MCU row covers. */
    int maskStride;
    int maskRows;
    /** Per coefficient, the Al of the last scan that coded it; -1 before any (jdphuff's coef_bits). */
    final int[] coefBits = new int[64];
    /** Per block, which zig-zag coefficients are non-zero so far (progressive only). */
    long[] masks;
    /** The running DC value (the predictor) of the scan coding it. */
    int lastDc;

    Component(int id, int h, int v, int quant) {
        this.id = id;
        this.h = h;
        this.v = v;
        this.quant = quant;
        java.util.Arrays.fill(coefBits, -1);
    }

    void layout(int width, int height, int maxH, int maxV) {
        blocksAcross = ceilDiv(ceilDiv(width * h, maxH), 8);
        blocksDown = ceilDiv(ceilDiv(height * v, maxV), 8);
        maskStride = ceilDiv(width, 8 * maxH) * h;
        maskRows = ceilDiv(height, 8 * maxV) * v;
    }

    void allocateCoefficientMasks() {
        if (masks == null) {
            masks = new long[maskStride * maskRows];
        }
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
