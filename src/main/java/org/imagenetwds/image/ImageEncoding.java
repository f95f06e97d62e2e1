package org.imagenetwds.image;

import org.imagenetwds.dataset.Coded;

/**
 * How written images are encoded ({@code --image-format}): the one place that says which container
 * each choice is and which member extension (shards) or file extension (ImageFolder) it gets.
 */
public enum ImageEncoding implements Coded {
    /** The default: plain JPEGs keep their compressed data; what is decoded is written as JPEG. */
    JPEG(ImageFormat.JPEG, "jpg", Integer.MAX_VALUE),
    /** Every image decoded and written as lossy WebP ({@link WebpEncoder}). */
    WEBP(ImageFormat.WEBP, "webp", WebpEncoder.MAX_SIDE);

    /** The codes as {@code --image-format} lists them (a constant: annotations need one; ImageEncodingTest holds it to the codes). */
    public static final String CHOICES = "jpeg|webp";

    private final ImageFormat format;
    private final String extension;
    private final int maxSide;

    ImageEncoding(ImageFormat format, String extension, int maxSide) {
        this.format = format;
        this.extension = extension;
        this.maxSide = maxSide;
    }

    /** The container a written image must be (what {@link ImageProbe#sniff} says of its bytes). */
    public ImageFormat format() {
        return format;
    }

    /** The member extension in a shard, and the file extension in an ImageFolder tree (without the dot). */
    public String extension() {
        return extension;
    }

    /**
     * Longest side the encoder can write. JPEG's is not checked (its headers hold 65,535, and the
     * rules never met a larger image: a jpeg build keeps its old behaviour).
     */
    public int maxSide() {
        return maxSide;
    }

    /** The {@code --image-format} value and the {@code _info.json} {@code image_format} value. */
    public String code() {
        return format.code();
    }

    public static ImageEncoding fromCode(String code) {
        return Coded.parse(values(), code, "--image-format");
    }
}
