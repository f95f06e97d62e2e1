package org.imagenetwds.spark.stages;

import org.imagenetwds.spark.PipelineFailure;
import org.imagenetwds.spark.PipelineOptions;

/** {@code --max-reject-fraction}: a release whose members are mostly rejected is the wrong input, not a dataset. */
final class RejectLimit {

    private RejectLimit() {
    }

    /**
     * @param byReason rejects per reason, asked for only when the limit is passed (counting them may take a job)
     * @param reasonsAt where each rejected member's reason is kept
     */
    static void check(long members, long rejected, PipelineOptions options,
                      java.util.function.Supplier<java.util.Map<String, Long>> byReason, Object reasonsAt) {
        if (members == 0) {
            throw new PipelineFailure("input " + options.input() + " holds no members");
        }
        double fraction = (double) rejected / members;
        if (fraction > options.maxRejectFraction()) {
            String reasons = byReason.get().entrySet().stream()
                    .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()
                            .thenComparing(java.util.Map.Entry.comparingByKey()))
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", "));
            throw new PipelineFailure(String.format(
                    "%d of %d input members rejected (%.2f%%), above --max-reject-fraction %s: %s (each member's"
                    + " reason: %s)", rejected, members, 100 * fraction, options.maxRejectFraction(), reasons, reasonsAt));
        }
    }
}
