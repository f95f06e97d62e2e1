package org.imagenetwds.image;

/**
 * What the header of an image says, read without decoding a pixel.
 *
 * @param components   colour components (JPEG: 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK; 0 if unknown)
 * @param precision    bits per sample (JPEG: 8 or 12; 0 if unknown)
 * @param jpegProcess  the JPEG coding process from the SOF marker, null for other formats
 */
public record ImageHeader(ImageFormat format, int width, int height, int components, int precision,
                          JpegProcess jpegProcess) {

    public enum JpegProcess { BASELINE, EXTENDED, PROGRESSIVE, LOSSLESS, ARITHMETIC, HIERARCHICAL }

    public int shortEdge() {
        return Math.min(width, height);
    }

    public long pixels() {
        return (long) width * height;
    }

    /**
     * True for a JPEG every libjpeg reads and whose bytes can be kept as they are: 8-bit Huffman
     * baseline/extended/progressive with grey or three-component colour.
     */
    public boolean isPlainJpeg() {
        return format == ImageFormat.JPEG && precision == 8 && (components == 1 || components == 3)
                && (jpegProcess == JpegProcess.BASELINE || jpegProcess == JpegProcess.EXTENDED
                    || jpegProcess == JpegProcess.PROGRESSIVE);
    }
}
