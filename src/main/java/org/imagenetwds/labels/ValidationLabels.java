package org.imagenetwds.labels;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The label sets attached to a build's validation samples, and the json fields they add to a sample.
 * A sample without any set's entry gains nothing, so a build without label sets writes the json it
 * always did.
 */
public record ValidationLabels(Optional<RealLabels> real, Optional<MultiLabelAnnotations> multiLabel)
        implements Serializable {

    public static final ValidationLabels NONE = new ValidationLabels(Optional.empty(), Optional.empty());

    // Optional is not Serializable: the record is rebuilt from nullable fields when sent to executors
    private Object writeReplace() {
        return new Serialized(real.orElse(null), multiLabel.orElse(null));
    }

    private record Serialized(RealLabels real, MultiLabelAnnotations multiLabel) implements Serializable {
        private Object readResolve() {
            return new ValidationLabels(Optional.ofNullable(real), Optional.ofNullable(multiLabel));
        }
    }

    /**
     * Fails unless every set fits a validation set of {@code images} files (image numbers 1..images).
     *
     * @param source how to name the multi-label file in an error (its URI)
     */
    public static void checkFits(MultiLabelAnnotations annotations, int images, String source) {
        annotations.byFile().keySet().stream().filter(f -> ValidationFiles.numberOf(f) > images).sorted().findFirst()
                .ifPresent(f -> {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "%s annotates %s, beyond the %,d images of the validation input", source, f, images));
                });
    }

    /** The fields a validation file's json gains, in a fixed order; empty for a file no set covers. */
    public Map<String, Object> fieldsOf(String fileName) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (!ValidationFiles.isValidationFile(fileName)) {
            return fields;
        }
        real.ifPresent(r -> fields.put("real_labels", r.labelsOf(fileName)));
        multiLabel.flatMap(m -> m.of(fileName)).ifPresent(a -> {
            fields.put("correct_multi_labels", a.correct());
            fields.put("unclear_multi_labels", a.unclear());
            fields.put("wrong_multi_labels", a.wrong());
            fields.put("is_problematic", a.problematic());
            fields.put("imagenet_m", a.imagenetM());
        });
        return fields;
    }
}
