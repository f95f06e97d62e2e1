package org.imagenetwds.image.jpeg;

/**
 * The 1/8-scale luma image of a JPEG: every block's DC coefficient of the frame's first component
 * (Y of YCbCr, the grey of a greyscale file), dequantised, as the first scan that codes it gives
 * it (a progressive file's first DC scan lacks its Al low bits). A DC coefficient is 8 times the
 * block's mean sample minus 128. The blocks at the right and bottom edge cover the image only in
 * part: {@link #extentAcross()} and {@link #extentDown()} say how far the image reaches, in blocks.
 */
public final class DcImage {

    private final int columns;
    private final int rows;
    private final double extentAcross;
    private final double extentDown;
    private final int[] values;

    DcImage(int columns, int rows, double extentAcross, double extentDown, int[] values) {
        this.columns = columns;
        this.rows = rows;
        this.extentAcross = extentAcross;
        this.extentDown = extentDown;
        this.values = values;
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    public double extentAcross() {
        return extentAcross;
    }

    public double extentDown() {
        return extentDown;
    }

    /** The dequantised DC coefficient of the block at {@code column}, {@code row}. */
    public int value(int column, int row) {
        return values[row * columns + column];
    }

    /**
     * Collects the DC image while its scan is decoded: blocks are stored in the component's
     * coefficient layout (an interleaved scan's padding blocks included) and cropped at the end.
     */
    static final class Collector {
        private final Component luma;
        private final int[] blocks;
        private int shift;

        Collector(Component luma) {
            this.luma = luma;
            this.blocks = new int[luma.maskStride * luma.maskRows];
        }

        /** A scan coding the first DC of the luma component: {@code al} its successive-approximation shift. */
        void begin(int al) {
            shift = al;
        }

        void block(int block, int dc) {
            blocks[block] = dc << shift;
        }

        DcImage finish(int quantiser, HeaderSegments header) {
            int columns = luma.blocksAcross;
            int rows = luma.blocksDown;
            int[] values = new int[columns * rows];
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    values[y * columns + x] = blocks[y * luma.maskStride + x] * quantiser;
                }
            }
            double across = (double) header.width * luma.h / header.maxH / 8;
            double down = (double) header.height * luma.v / header.maxV / 8;
            return new DcImage(columns, rows, across, down, values);
        }
    }
}
