package org.imagenetwds.image;

import java.util.List;

import org.imagenetwds.dataset.RejectReason;

/**
 * The ImageNet-12k image rules (SPEC §5): which images are usable, and what each becomes. A plain
 * JPEG the {@link ResizeRule} leaves alone keeps its compressed data (metadata stripped); one it
 * resizes (by default: a shorter edge above {@code maxShortEdge}) is re-encoded; anything else is converted. With
 * {@link ImageEncoding#WEBP} every image is decoded (to sRGB), resized by the same rule and written as WebP.
 *
 * @param maxShortEdge the size {@code resize} resizes to ({@link #NO_RESIZE}: none)
 * @param encoding     how written images are encoded ({@code --image-format})
 * @param resize       which images are resized to what ({@code --resize}; ImageNet-21K-P squashes)
 * @param damaged      what becomes of a JPEG libjpeg decodes with a warning ({@code --damaged})
 */
public record ImageRules(int minEdge, int maxShortEdge, int jpegQuality, long maxPixels, ImageEncoding encoding,
                         ResizeRule resize, DamagedImages damaged)
        implements java.io.Serializable {

    public static final int DEFAULT_MIN_EDGE = 48;
    public static final int DEFAULT_MAX_SHORT_EDGE = 600;
    public static final int DEFAULT_JPEG_QUALITY = 90;
    /** 178 megapixels: the largest real ImageNet image is far below; a bomb header is far above. */
    public static final long DEFAULT_MAX_PIXELS = 178_956_970L;
    /** As {@code maxShortEdge}: no image is resized (ImageNet-1k keeps the release's images whole). */
    public static final int NO_RESIZE = 0;

    public ImageRules {
        if (minEdge < 1 || maxShortEdge != NO_RESIZE && maxShortEdge < minEdge) {
            throw new IllegalArgumentException("need 1 <= min-edge <= max-short-edge (or max-short-edge 0: no resize), got "
                    + minEdge + " and " + maxShortEdge);
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("jpeg-quality must be 1..100, got " + jpegQuality);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("max-pixels must be positive, got " + maxPixels);
        }
        java.util.Objects.requireNonNull(encoding, "encoding");
        java.util.Objects.requireNonNull(resize, "resize");
        java.util.Objects.requireNonNull(damaged, "damaged");
    }

    /** The shorter edge capped at {@code maxShortEdge} and damaged JPEGs repaired, the defaults. */
    public ImageRules(int minEdge, int maxShortEdge, int jpegQuality, long maxPixels, ImageEncoding encoding) {
        this(minEdge, maxShortEdge, jpegQuality, maxPixels, encoding, ResizeRule.CAP_SHORT_EDGE, DamagedImages.REPAIR);
    }

    /** JPEG output, the default. */
    public ImageRules(int minEdge, int maxShortEdge, int jpegQuality, long maxPixels) {
        this(minEdge, maxShortEdge, jpegQuality, maxPixels, ImageEncoding.JPEG);
    }

    public ImageRules withEncoding(ImageEncoding e) {
        return new ImageRules(minEdge, maxShortEdge, jpegQuality, maxPixels, e, resize, damaged);
    }

    public ImageRules withDamaged(DamagedImages d) {
        return new ImageRules(minEdge, maxShortEdge, jpegQuality, maxPixels, encoding, resize, d);
    }

    /**
     * These rules with {@code --resize RULE-N}: {@code squash-224}, {@code short-edge-256} or
     * {@code cap-short-edge-600} ({@link ResizeRule} codes), N the size.
     */
    public ImageRules withResize(String option) {
        int dash = option.lastIndexOf('-');
        int size;
        try {
            size = dash < 0 ? -1 : Integer.parseInt(option.substring(dash + 1));
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1) {
            throw new IllegalArgumentException("--resize takes RULE-SIZE (e.g. squash-224, short-edge-256), got " + option);
        }
        return new ImageRules(minEdge, size, jpegQuality, maxPixels, encoding, ResizeRule.fromCode(option.substring(0, dash)),
                damaged);
    }

    public static ImageRules defaults() {
        return new ImageRules(DEFAULT_MIN_EDGE, DEFAULT_MAX_SHORT_EDGE, DEFAULT_JPEG_QUALITY, DEFAULT_MAX_PIXELS);
    }

    /** Rejects, from the header alone, what must never be decoded or written. */
    public void checkUsable(ImageHeader header) throws ImageRejectedException {
        if (header.width() <= 0 || header.height() <= 0) {
            throw new ImageRejectedException(RejectReason.NOT_AN_IMAGE,
                    "header gives size " + header.width() + "x" + header.height());
        }
        if (header.pixels() > maxPixels) {
            throw new ImageRejectedException(RejectReason.TOO_MANY_PIXELS,
                    header.width() + "x" + header.height() + " exceeds --max-pixels " + maxPixels);
        }
        if (header.shortEdge() < minEdge) {
            throw new ImageRejectedException(RejectReason.TOO_SMALL,
                    header.width() + "x" + header.height() + " is below --min-edge " + minEdge);
        }
        int[] out = needsResize(header.width(), header.height()) ? targetSize(header.width(), header.height())
                : new int[] {header.width(), header.height()};
        if (Math.max(out[0], out[1]) > encoding.maxSide()) {
            throw new ImageRejectedException(RejectReason.TOO_MANY_PIXELS, "written as " + out[0] + "x" + out[1]
                    + ", above the " + encoding.maxSide() + " px a side that " + encoding.code() + " can hold");
        }
    }

    /**
     * Applies the rules to one source image. Plain JPEGs are decoded without their ICC profile
     * (the pixels stay in the profile's space, as libjpeg and Pillow give them) and the profile is
     * carried to the output; anything else is decoded colour-managed to sRGB and written without one.
     */
    public TransformedImage apply(byte[] source) throws ImageRejectedException {
        return apply(source, ImageProbe.probe(source));
    }

    /** As {@link #apply(byte[])}, with the header already read from {@code source}. */
    public TransformedImage apply(byte[] source, ImageHeader header) throws ImageRejectedException {
        checkUsable(header);
        if (encoding == ImageEncoding.JPEG && header.isPlainJpeg()) {
            JpegMetadataStripper.Stripped stripped = JpegMetadataStripper.strip(source);
            if (keepsCompressedData(header)) {
                return new TransformedImage(stripped.bytes(), header.width(), header.height(), 0, 0,
                        stripped.changed() ? ImageAction.STRIPPED : ImageAction.COPIED);
            }
            List<byte[]> icc = JpegMetadataStripper.iccSegments(stripped.bytes());
            return decodeWithProfileCarried(icc.isEmpty() ? stripped.bytes() : JpegMetadataStripper.withoutIcc(stripped.bytes()),
                    icc, header);
        }
        // anything else, and with WebP output every image: decoded colour-managed to sRGB (alpha on white,
        // metadata dropped), resized by the same rule, encoded
        JpegCodec.Pixels pixels = decode(source, header);
        if (needsResize(pixels.width(), pixels.height())) {
            return resize(pixels);
        }
        return new TransformedImage(encode(pixels), pixels.width(), pixels.height(), 0, 0, ImageAction.CONVERTED);
    }

    /**
     * As {@link #apply(byte[], ImageHeader)} for a JPEG libjpeg decodes only with warnings: its data
     * cannot be kept, so it is decoded as leniently as libjpeg decodes it (grey where data is missing)
     * and encoded by the resize path's rules (resized if above the limit).
     */
    public TransformedImage applyToDamaged(byte[] source, ImageHeader header) throws ImageRejectedException {
        checkUsable(header);
        if (encoding != ImageEncoding.JPEG || !header.isPlainJpeg()) {
            return apply(source, header); // decoded whatever its state
        }
        JpegMetadataStripper.IccApart apart = JpegMetadataStripper.iccApart(source);
        JpegCodec.Pixels pixels = checkedSize(JpegCodec.decodeDamaged(apart.withoutIcc(), header.components() == 3), header);
        return encodeWithProfileCarried(pixels, apart.icc());
    }

    /** A plain JPEG decoded without its ICC profile (pixels in the profile's space), encoded, the profile carried. */
    private TransformedImage decodeWithProfileCarried(byte[] withoutIcc, List<byte[]> icc, ImageHeader header)
            throws ImageRejectedException {
        return encodeWithProfileCarried(decode(withoutIcc, header), icc);
    }

    /** Resized when above the limit; else (only a damaged JPEG comes here at its own size) encoded as {@link RepairEncoder} does. */
    private TransformedImage encodeWithProfileCarried(JpegCodec.Pixels pixels, List<byte[]> icc) throws ImageRejectedException {
        TransformedImage encoded = needsResize(pixels.width(), pixels.height()) ? resize(pixels)
                : new TransformedImage(RepairEncoder.encode(pixels, jpegQuality), pixels.width(), pixels.height(), 0, 0,
                        ImageAction.REPAIRED);
        boolean matches = IccProfiles.colourSpaceMatches(icc, pixels.channels());
        return new TransformedImage(matches ? JpegMetadataStripper.insertAfterApp0(encoded.bytes(), icc) : encoded.bytes(),
                encoded.width(), encoded.height(), encoded.origWidth(), encoded.origHeight(), encoded.action());
    }

    /** True when the image keeps its compressed data (metadata surgery only, no pixel decode): never for WebP output. */
    public boolean keepsCompressedData(ImageHeader header) {
        return encoding == ImageEncoding.JPEG && header.isPlainJpeg() && !needsResize(header.width(), header.height());
    }

    /** Whether the {@link ResizeRule} resizes a {@code width} x {@code height} image (never with {@link #NO_RESIZE}). */
    public boolean needsResize(int width, int height) {
        return maxShortEdge != NO_RESIZE && resize.needs(width, height, maxShortEdge);
    }

    private static JpegCodec.Pixels decode(byte[] bytes, ImageHeader header) throws ImageRejectedException {
        return checkedSize(JpegCodec.decode(bytes, header.isPlainJpeg() && header.components() == 3), header);
    }

    private static JpegCodec.Pixels checkedSize(JpegCodec.Pixels pixels, ImageHeader header) throws ImageRejectedException {
        if (pixels.width() != header.width() || pixels.height() != header.height()) {
            throw new ImageRejectedException(RejectReason.DECODE_ERROR, "decoded size " + pixels.width() + "x"
                    + pixels.height() + " differs from header " + header.width() + "x" + header.height());
        }
        return pixels;
    }

    private TransformedImage resize(JpegCodec.Pixels pixels) {
        int[] size = targetSize(pixels.width(), pixels.height());
        byte[] resized = BicubicResampler.resize(pixels.data(), pixels.width(), pixels.height(), pixels.channels(),
                size[0], size[1]);
        return new TransformedImage(encode(new JpegCodec.Pixels(resized, size[0], size[1], pixels.channels())),
                size[0], size[1], pixels.width(), pixels.height(), ImageAction.RESIZED);
    }

    /** Decoded pixels in the build's encoding. */
    private byte[] encode(JpegCodec.Pixels pixels) {
        return encoding == ImageEncoding.WEBP ? WebpEncoder.encode(pixels) : JpegCodec.encode(pixels, jpegQuality);
    }

    /** Whether a written image of this size is one these rules can give: verify's size check. */
    public boolean fitsOutput(int width, int height) {
        return Math.min(width, height) >= minEdge && (maxShortEdge == NO_RESIZE || resize.fits(width, height, maxShortEdge));
    }

    /** The resize rule in the dataset card's words ({@code "shorter edge above 600 px: resized to exactly 600"}). */
    public String describeResize() {
        return resize.describe(maxShortEdge);
    }

    /** The size the {@link ResizeRule} gives an image it resizes. */
    public int[] targetSize(int width, int height) {
        return resize.target(width, height, maxShortEdge);
    }
}
