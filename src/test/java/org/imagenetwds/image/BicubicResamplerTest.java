package org.imagenetwds.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class BicubicResamplerTest {

    @Test
    void aFlatImageStaysFlatIncludingAtTheEdges() {
        byte[] src = new byte[97 * 61 * 3];
        Arrays.fill(src, (byte) 200);
        byte[] out = BicubicResampler.resize(src, 97, 61, 3, 40, 25);
        for (byte b : out) {
            assertEquals(200, b & 0xff);
        }
    }

    @Test
    void shrinkingAveragesAFinePatternInsteadOfAliasingIt() {
        // 1-pixel black/white stripes: nearest-neighbour at 1/4 would give all black or all white
        int w = 400;
        int h = 8;
        byte[] src = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                src[y * w + x] = (byte) (x % 2 == 0 ? 0 : 255);
            }
        }
        byte[] out = BicubicResampler.resize(src, w, h, 1, 100, 2);
        for (int x = 2; x < 98; x++) {
            int v = out[x] & 0xff;
            assertTrue(Math.abs(v - 128) <= 3, "pixel " + x + " = " + v);
        }
    }

    @Test
    void kernelIsKeysCubicWithAMinusHalf() {
        assertEquals(1.0, BicubicResampler.kernel(0), 1e-12);
        assertEquals(0.0, BicubicResampler.kernel(1), 1e-12);
        assertEquals(0.0, BicubicResampler.kernel(2), 1e-12);
        assertEquals(-0.0625, BicubicResampler.kernel(1.5), 1e-12);
        assertEquals(0.5625, BicubicResampler.kernel(0.5), 1e-12);
    }
}
