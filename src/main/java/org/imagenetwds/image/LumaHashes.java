package org.imagenetwds.image;

/**
 * The two 64-bit perceptual hashes of a 1/8-scale luma image (a JPEG's DC image, or the block means
 * of decoded pixels: any offset and scale give the same hashes). Both see the picture area-resampled
 * to a fixed grid, so that a resized copy hashes alike:
 * <ul>
 * <li>{@link #dct}: the 64 lowest frequencies after DC (zig-zag order) of the 2-D DCT of the image
 *     at 32×32, each bit set when the coefficient is above their median;</li>
 * <li>{@link #gradient}: the image at 9×8, each bit set when a cell is brighter than its left
 *     neighbour; it fails in other ways than {@code dct}, which makes it the false-positive check.</li>
 * </ul>
 */
final class LumaHashes {

    private static final int DCT_SIZE = 32;
    /** Zig-zag diagonals 0..10 hold 66 coefficients: DC and the 64 lowest after it are in them. */
    private static final int LOW = 11;
    /** cos(π (2x + 1) u / 2N) at {@code x * LOW + u}. */
    private static final double[] COS_BY_X = cosines();
    private static final int[] ZIGZAG = zigzag();

    private LumaHashes() {
    }

    /**
     * @param image  row-major, {@code columns} × {@code rows} cells
     * @param across how far the picture reaches across, in cells ({@code <= columns}: the last column may be partial)
     * @param down   likewise down
     */
    static long dct(double[] image, int columns, int rows, double across, double down) {
        double[] small = resample(image, columns, rows, across, down, DCT_SIZE, DCT_SIZE);
        // rows first, then columns, only the LOW lowest frequencies of each; every sum is added up
        // in the order of x (of y) as a plain loop would, bit for bit, but the independent sums side
        // by side: one sum after another would wait on each addition
        double[] rowPass = new double[DCT_SIZE * LOW];
        for (int y = 0; y < DCT_SIZE; y++) {
            for (int x = 0; x < DCT_SIZE; x++) {
                double sample = small[y * DCT_SIZE + x];
                for (int u = 0; u < LOW; u++) {
                    rowPass[y * LOW + u] += sample * COS_BY_X[x * LOW + u];
                }
            }
        }
        double[] coefficients = new double[64];
        for (int y = 0; y < DCT_SIZE; y++) {
            for (int i = 0; i < 64; i++) {
                int zz = ZIGZAG[i + 1];
                coefficients[i] += rowPass[y * LOW + zz % LOW] * COS_BY_X[y * LOW + zz / LOW];
            }
        }
        double[] sorted = coefficients.clone();
        java.util.Arrays.sort(sorted);
        double median = (sorted[31] + sorted[32]) / 2;
        long hash = 0;
        for (int i = 0; i < 64; i++) {
            hash = (hash << 1) | (coefficients[i] > median ? 1 : 0);
        }
        return hash;
    }

    static long gradient(double[] image, int columns, int rows, double across, double down) {
        double[] small = resample(image, columns, rows, across, down, 9, 8);
        long hash = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                hash = (hash << 1) | (small[y * 9 + x + 1] > small[y * 9 + x] ? 1 : 0);
            }
        }
        return hash;
    }

    /** Area resampling: each output cell the mean of the input area it covers, partial cells weighted by overlap. */
    static double[] resample(double[] image, int columns, int rows, double across, double down, int outColumns, int outRows) {
        Overlaps wx = Overlaps.of(columns, across, outColumns);
        Overlaps wy = Overlaps.of(rows, down, outRows);
        double[] tmp = new double[rows * outColumns];
        for (int y = 0; y < rows; y++) {
            for (int o = 0; o < outColumns; o++) {
                double sum = 0;
                for (int i = 0; i < wx.weights[o].length; i++) {
                    sum += wx.weights[o][i] * image[y * columns + wx.first[o] + i];
                }
                tmp[y * outColumns + o] = sum;
            }
        }
        double[] out = new double[outRows * outColumns];
        for (int o = 0; o < outRows; o++) {
            for (int i = 0; i < wy.weights[o].length; i++) {
                double w = wy.weights[o][i];
                int y = wy.first[o] + i;
                for (int x = 0; x < outColumns; x++) {
                    out[o * outColumns + x] += w * tmp[y * outColumns + x];
                }
            }
        }
        return out;
    }

    /** Per output cell, the first input cell it overlaps and the normalised overlaps from there on. */
    private record Overlaps(int[] first, double[][] weights) {

        /** {@code cells} input cells of which the picture covers {@code extent} ({@code <= cells}). */
        static Overlaps of(int cells, double extent, int outCells) {
            double span = Math.min(extent, cells);
            int[] first = new int[outCells];
            double[][] weights = new double[outCells][];
            for (int o = 0; o < outCells; o++) {
                double from = span * o / outCells;
                double to = span * (o + 1) / outCells;
                int lo = Math.min((int) Math.floor(from), cells - 1);
                int hi = Math.max(lo + 1, Math.min(cells, (int) Math.ceil(to)));
                double[] w = new double[hi - lo];
                double total = 0;
                for (int i = lo; i < hi; i++) {
                    w[i - lo] = Math.max(0, Math.min(to, i + 1) - Math.max(from, i));
                    total += w[i - lo];
                }
                for (int i = 0; i < w.length; i++) {
                    w[i] /= total;
                }
                first[o] = lo;
                weights[o] = w;
            }
            return new Overlaps(first, weights);
        }
    }

    private static double[] cosines() {
        double[] c = new double[DCT_SIZE * LOW];
        for (int u = 0; u < LOW; u++) {
            for (int x = 0; x < DCT_SIZE; x++) {
                c[x * LOW + u] = Math.cos(Math.PI * (2 * x + 1) * u / (2.0 * DCT_SIZE));
            }
        }
        return c;
    }

    /** The cells of a LOW × LOW grid (index v * LOW + u) in zig-zag order, the first 65. */
    private static int[] zigzag() {
        int[] order = new int[65];
        int n = 0;
        for (int d = 0; n < order.length; d++) {
            for (int i = 0; i <= d && n < order.length; i++) {
                int v = d % 2 == 0 ? d - i : i;
                int u = d - v;
                order[n++] = v * LOW + u;
            }
        }
        return order;
    }
}
