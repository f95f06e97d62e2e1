package org.imagenetwds.ilsvrc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

import org.imagenetwds.dataset.LineList;
import org.imagenetwds.dataset.Sha256;

/**
 * The label-balanced ILSVRC-2012 train subsets of semi-supervised benchmarks (TFDS
 * {@code imagenet2012_subset}): SimCLR's {@code 1percent.txt} and {@code 10percent.txt}, shipped as
 * resources and checked against their published SHA-256, or any list of the same shape (one train
 * file name such as {@code n01440764_10026.JPEG} per line).
 */
public final class Ilsvrc2012Subsets {

    /** A shipped list: its name on the command line, resource, length and published SHA-256. */
    public enum Shipped {
        ONE_PERCENT("1pct", "1percent.txt", 12_811, "71e82a48ba78252683ae334c4d019ebd5c6e855b9599c1389fbe83eb9549cf17"),
        TEN_PERCENT("10pct", "10percent.txt", 128_116, "6d09de11e7bdaf5b1f3b1f249b6183695f97310cdd20f0c03e7235b6b9392091");

        final String code;
        final String resource;
        final int files;
        final String sha256;

        Shipped(String code, String resource, int files, String sha256) {
            this.code = code;
            this.resource = resource;
            this.files = files;
            this.sha256 = sha256;
        }

        public String code() {
            return code;
        }

        /** The list's file names, after checking the resource's SHA-256 and length. */
        public List<String> files() {
            List<String> names = parse(bytes(), resource);
            if (names.size() != files) {
                throw new IllegalStateException(resource + " lists " + names.size() + " files, not " + files);
            }
            return names;
        }

        /** The list as published, after checking the resource's SHA-256. */
        public byte[] bytes() {
            byte[] bytes;
            try (InputStream in = Ilsvrc2012Subsets.class.getResourceAsStream(resource)) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the shipped subset list " + resource, e);
            }
            String digest = Sha256.of(bytes);
            if (!digest.equals(sha256)) {
                throw new IllegalStateException(resource + " has SHA-256 " + digest + ", not the published " + sha256);
            }
            return bytes;
        }

        public static Shipped of(String code) {
            for (Shipped s : values()) {
                if (s.code.equals(code)) {
                    return s;
                }
            }
            return null;
        }
    }

    private static final Pattern TRAIN_FILE = Pattern.compile("n\\d{8}_[^/\\\\]+\\.JPEG");

    private Ilsvrc2012Subsets() {
    }

    /**
     * A subset list: one {@code nXXXXXXXX_*.JPEG} per line, no repeats.
     *
     * @throws IllegalArgumentException naming the list, the line and what is wrong with it
     */
    public static List<String> parse(byte[] list, String name) {
        return LineList.parse(list, name, TRAIN_FILE, "a train file name like n01440764_10026.JPEG");
    }

}
