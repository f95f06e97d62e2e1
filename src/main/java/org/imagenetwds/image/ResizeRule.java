package org.imagenetwds.image;

import org.imagenetwds.dataset.Coded;

/**
 * Which images are resized, and to what, for a size {@code n} ({@link ImageRules#maxShortEdge()}).
 * The one statement of each rule: {@link ImageRules} asks it, the stages never do.
 */
public enum ResizeRule implements Coded {
    /** ImageNet-12k and the others: a shorter edge above {@code n} becomes {@code n}, the aspect ratio kept. */
    CAP_SHORT_EDGE("cap-short-edge") {
        @Override
        boolean needs(int width, int height, int n) {
            return Math.min(width, height) > n;
        }

        @Override
        int[] target(int width, int height, int n) {
            return shorterEdgeTo(width, height, n);
        }

        @Override
        boolean fits(int width, int height, int n) {
            return !needs(width, height, n);
        }

        @Override
        String describe(int n) {
            return "shorter edge above " + n + " px: resized to exactly " + n;
        }
    },
    /**
     * ImageNet-21K-P's default ({@code resize.py}): when the longer side is at least {@code n}, the
     * image becomes {@code n} x {@code n}, the aspect ratio ignored; smaller ones are kept.
     */
    SQUASH("squash") {
        @Override
        boolean needs(int width, int height, int n) {
            return Math.max(width, height) >= n;
        }

        @Override
        int[] target(int width, int height, int n) {
            return new int[] {n, n};
        }

        @Override
        boolean fits(int width, int height, int n) {
            return !needs(width, height, n) || width == n && height == n;
        }

        @Override
        String describe(int n) {
            return "longer side of " + n + " px or more: squashed to " + n + " x " + n + ", the aspect ratio ignored;"
                    + " smaller images kept as they are";
        }
    },
    /**
     * ImageNet-21K-P's other script ({@code resize_short_edge.py}): when the longer side is at least
     * {@code n}, the shorter edge becomes {@code n} (up or down), the aspect ratio kept; smaller ones are kept.
     */
    SHORT_EDGE("short-edge") {
        @Override
        boolean needs(int width, int height, int n) {
            return Math.max(width, height) >= n;
        }

        @Override
        int[] target(int width, int height, int n) {
            return shorterEdgeTo(width, height, n);
        }

        @Override
        boolean fits(int width, int height, int n) {
            return !needs(width, height, n) || Math.min(width, height) == n;
        }

        @Override
        String describe(int n) {
            return "longer side of " + n + " px or more: shorter edge resized to exactly " + n + ", the aspect ratio kept;"
                    + " smaller images kept as they are";
        }
    };

    private final String code;

    ResizeRule(String code) {
        this.code = code;
    }

    /** True when a {@code width} x {@code height} image is resized. */
    abstract boolean needs(int width, int height, int n);

    /** The written size of an image {@link #needs} resizes. */
    abstract int[] target(int width, int height, int n);

    /** Whether a written {@code width} x {@code height} image is one the rule can give (what verify checks). */
    abstract boolean fits(int width, int height, int n);

    /** The rule in the dataset card's words. */
    abstract String describe(int n);

    /** The shorter edge becomes exactly {@code n}; the other keeps the aspect ratio, rounded half up. */
    private static int[] shorterEdgeTo(int width, int height, int n) {
        if (width <= height) {
            return new int[] {n, (int) Math.round((double) height * n / width)};
        }
        return new int[] {(int) Math.round((double) width * n / height), n};
    }

    /** The {@code _info.json} {@code resize} value, and the word before the size in {@code --resize}. */
    public String code() {
        return code;
    }

    public static ResizeRule fromCode(String code) {
        return Coded.parse(values(), code, "resize rule");
    }
}
