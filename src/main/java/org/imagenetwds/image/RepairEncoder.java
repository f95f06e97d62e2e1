package org.imagenetwds.image;

/**
 * Encodes a re-encoded repair at its own size so that it keeps the lenient decode's pixels within
 * {@link #MIN_PSNR_DB} dB PSNR: at the build's quality with 4:2:2 chroma as any resized image, and
 * where that loses more (colour noise a corrupt stream decoded to: 4:2:2 halves its chroma, and no
 * quality brings it back), with full-resolution chroma at that quality, then at 95 and 100. The
 * last is kept even if still short (the closest a JPEG of these pixels comes).
 */
final class RepairEncoder {

    static final double MIN_PSNR_DB = 30;
    private static final int[] HIGHER_QUALITIES = {95, 100};

    private RepairEncoder() {
    }

    static byte[] encode(JpegCodec.Pixels pixels, int quality) throws ImageRejectedException {
        byte[] bytes = JpegCodec.encode(pixels, quality);
        if (psnr(pixels, bytes) >= MIN_PSNR_DB) {
            return bytes;
        }
        int tried = pixels.channels() == 3 ? 0 : quality; // grey: the first encode was already full resolution
        for (int q : new int[] {quality, HIGHER_QUALITIES[0], HIGHER_QUALITIES[1]}) {
            if (q <= tried) {
                continue;
            }
            tried = q;
            bytes = JpegCodec.encode(pixels, q, false);
            if (psnr(pixels, bytes) >= MIN_PSNR_DB) {
                return bytes;
            }
        }
        return bytes;
    }

    /** PSNR in dB of {@code jpeg}'s decode against {@code pixels}. */
    static double psnr(JpegCodec.Pixels pixels, byte[] jpeg) throws ImageRejectedException {
        byte[] a = pixels.data();
        byte[] b = JpegCodec.decode(jpeg, pixels.channels() == 3).data();
        double squares = 0;
        for (int i = 0; i < a.length; i++) {
            int d = (a[i] & 0xFF) - (b[i] & 0xFF);
            squares += d * d;
        }
        return squares == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 * a.length / squares);
    }
}
