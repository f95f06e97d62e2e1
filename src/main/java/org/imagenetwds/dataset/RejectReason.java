package org.imagenetwds.dataset;

/**
 * Why an input member is not in the output. The set is fixed and documented in the README, so
 * that reports from different runs and versions can be compared.
 */
public enum RejectReason {
    /** Not a format we can read (text, random bytes, an unknown container). */
    NOT_AN_IMAGE,
    /** The image data ends early (no end marker, short read). */
    TRUNCATED,
    /** Width or height below {@code --min-edge}. */
    TOO_SMALL,
    /** Width × height (from the header) above {@code --max-pixels}: a decompression bomb. */
    TOO_MANY_PIXELS,
    /** Member larger than the per-member byte limit; never read into memory. */
    TOO_LARGE,
    /** Absolute, {@code ..}, non-UTF-8 or control-character member name. */
    UNSAFE_NAME,
    /**
     * {@code --format imagefolder}: the member's file would have a name over the file-system limit
     * ({@code ImageFolderLayout.MAX_FILE_NAME_BYTES} of UTF-8), so it can have no file in the tree.
     */
    NAME_TOO_LONG,
    /** Directory, link, device or other non-regular tar entry. */
    NOT_A_REGULAR_FILE,
    /** A second member with the same sample key in one synset. */
    DUPLICATE_KEY,
    /** The header looked fine but the pixels could not be decoded. */
    DECODE_ERROR,
    /**
     * A JPEG whose entropy-coded data libjpeg reports as corrupt (a bad Huffman code, a marker
     * inside the scan, restart markers out of order, extraneous bytes, a bogus progression): the
     * detail gives libjpeg's message class.
     */
    CORRUPT_DATA,
    /** The tar holding the members is damaged from this point on. */
    DAMAGED_SOURCE,
    /** {@code --dedup}: a copy of a train sample kept in its place (the group's smallest key). */
    DUPLICATE,
    /** {@code --dedup}: a copy of a validation sample, kept in its place. */
    DUPLICATE_OF_VALIDATION,
    /** {@code --decontaminate}: an exact or near copy of an evaluation image (listed in {@code _meta/decontaminated.parquet}). */
    NEAR_EVALUATION_IMAGE;

    /** The lower-case name used in tables and reports. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
