package org.imagenetwds.image;

/**
 * Separable anti-aliased bicubic resampling of interleaved 8-bit pixels (Keys kernel, a = -0.5,
 * the filter Pillow calls BICUBIC). When shrinking, the kernel is stretched by the reduction
 * factor so every source pixel contributes (no aliasing); weights are computed once per output
 * column and row, and edge pixels are handled by renormalising the clipped kernel. Works on
 * gamma-encoded sRGB values directly, as Pillow and libvips do by default.
 */
public final class BicubicResampler {

    private static final double SUPPORT = 2.0;
    private static final double A = -0.5;

    private BicubicResampler() {
    }

    /**
     * @param src      interleaved pixels, {@code channels} bytes per pixel, rows without padding
     * @return interleaved pixels of {@code dstWidth} × {@code dstHeight}
     */
    public static byte[] resize(byte[] src, int width, int height, int channels, int dstWidth, int dstHeight) {
        if (dstWidth <= 0 || dstHeight <= 0) {
            throw new IllegalArgumentException("target size must be positive: " + dstWidth + "x" + dstHeight);
        }
        Weights horizontal = Weights.of(width, dstWidth);
        Weights vertical = Weights.of(height, dstHeight);
        float[] rows = new float[height * dstWidth * channels];
        for (int y = 0; y < height; y++) {
            if (channels == 3) {
                horizontal3(src, y * width * 3, rows, y * dstWidth * 3, dstWidth, horizontal);
            } else {
                horizontalAny(src, y * width * channels, rows, y * dstWidth * channels, dstWidth, channels, horizontal);
            }
        }
        byte[] dst = new byte[dstHeight * dstWidth * channels];
        int rowLength = dstWidth * channels;
        float[] acc = new float[rowLength];
        for (int y = 0; y < dstHeight; y++) {
            java.util.Arrays.fill(acc, 0f);
            int first = vertical.first[y];
            int n = vertical.count[y];
            int w0 = y * vertical.stride;
            for (int k = 0; k < n; k++) {
                float w = vertical.weights[w0 + k];
                int src0 = (first + k) * rowLength;
                for (int i = 0; i < rowLength; i++) {
                    acc[i] += w * rows[src0 + i];
                }
            }
            int out = y * rowLength;
            for (int i = 0; i < rowLength; i++) {
                int v = Math.round(acc[i]);
                dst[out + i] = (byte) (v < 0 ? 0 : Math.min(v, 255));
            }
        }
        return dst;
    }

    /** One row, three interleaved channels: one pass over the taps with three accumulators. */
    private static void horizontal3(byte[] src, int srcRow, float[] rows, int dstRow, int dstWidth, Weights w) {
        for (int x = 0; x < dstWidth; x++) {
            int p = srcRow + w.first[x] * 3;
            int w0 = x * w.stride;
            int n = w.count[x];
            float a = 0;
            float b = 0;
            float c = 0;
            for (int k = 0; k < n; k++, p += 3) {
                float weight = w.weights[w0 + k];
                a += weight * (src[p] & 0xff);
                b += weight * (src[p + 1] & 0xff);
                c += weight * (src[p + 2] & 0xff);
            }
            int o = dstRow + x * 3;
            rows[o] = a;
            rows[o + 1] = b;
            rows[o + 2] = c;
        }
    }

    private static void horizontalAny(byte[] src, int srcRow, float[] rows, int dstRow, int dstWidth, int channels,
                                      Weights w) {
        for (int x = 0; x < dstWidth; x++) {
            int w0 = x * w.stride;
            int n = w.count[x];
            for (int c = 0; c < channels; c++) {
                float acc = 0;
                int p = srcRow + w.first[x] * channels + c;
                for (int k = 0; k < n; k++, p += channels) {
                    acc += w.weights[w0 + k] * (src[p] & 0xff);
                }
                rows[dstRow + x * channels + c] = acc;
            }
        }
    }

    static double kernel(double x) {
        x = Math.abs(x);
        if (x < 1) {
            return ((A + 2) * x - (A + 3)) * x * x + 1;
        }
        if (x < 2) {
            return (((x - 5) * x + 8) * x - 4) * A;
        }
        return 0;
    }

    /** Normalised kernel weights for every output index along one axis. */
    private record Weights(int[] first, int[] count, float[] weights, int stride) {

        static Weights of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = SUPPORT * filterScale;
            int stride = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[outSize];
            int[] count = new int[outSize];
            float[] weights = new float[outSize * stride];
            for (int i = 0; i < outSize; i++) {
                double center = (i + 0.5) * scale;
                int lo = Math.max((int) (center - support + 0.5), 0);
                int hi = Math.min((int) (center + support + 0.5), inSize);
                int n = Math.min(hi - lo, stride);
                double total = 0;
                double[] w = new double[n];
                for (int k = 0; k < n; k++) {
                    w[k] = kernel((lo + k - center + 0.5) / filterScale);
                    total += w[k];
                }
                for (int k = 0; k < n; k++) {
                    weights[i * stride + k] = (float) (total == 0 ? 0 : w[k] / total);
                }
                first[i] = lo;
                count[i] = n;
            }
            return new Weights(first, count, weights, stride);
        }
    }
}
