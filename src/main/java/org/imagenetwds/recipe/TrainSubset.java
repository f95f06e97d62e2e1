package org.imagenetwds.recipe;

import java.io.Serializable;
import java.util.Locale;

/** Which of the train split's samples a recipe keeps; validation always stays whole. */
public sealed interface TrainSubset extends Serializable {

    /** What the subset adds to the dataset name ({@code imagenet1k_1pct}), empty for the whole split. */
    String nameSuffix();

    /** Every train sample. */
    record Whole() implements TrainSubset {
        @Override
        public String nameSuffix() {
            return "";
        }
    }

    /**
     * The train files named in a list, one base name per line (SimCLR's {@code 1percent.txt}):
     * {@code name} is {@code 1pct}, {@code 10pct} (lists shipped with the tool, {@code source} the
     * same) or the list file's stem, {@code source} its URI. The split's fingerprint holds the
     * list's SHA-256, so an edited list is a different build.
     */
    record Listed(String name, String source) implements TrainSubset {
        public Listed {
            if (!name.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("subset name may hold letters, digits, '_' and '-' only, got " + name);
            }
        }

        @Override
        public String nameSuffix() {
            return "_" + name;
        }
    }

    /**
     * A seeded, class-balanced share of each class: round(fraction x N) samples in all, per-class
     * counts differing by at most one (the shape of the SimCLR lists).
     */
    record Fraction(double fraction) implements TrainSubset {
        public Fraction {
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("--subset-fraction must be within (0, 1), got " + fraction);
            }
        }

        /** {@code _5pct} for 0.05, {@code _2p5pct} for 0.025: letters and digits only, as shard names need. */
        @Override
        public String nameSuffix() {
            String percent = new java.math.BigDecimal(Double.toString(fraction * 100)).stripTrailingZeros()
                    .toPlainString();
            return "_" + percent.replace('.', 'p').toLowerCase(Locale.ROOT) + "pct";
        }
    }
}
