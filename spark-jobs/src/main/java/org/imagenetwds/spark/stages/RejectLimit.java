package org.imagenetwds.spark.stages;

import org.imagenetwds.spark.PipelineFailure;
import org.imagenetwds.spark.PipelineOptions;

/** {@code --max-reject-fraction}: a release whose members are mostly rejected is the wrong input, not a dataset. */
final class RejectLimit {

    private RejectLimit() {
    }

    static void check(long members, long rejected, PipelineOptions options, Object reasonsAt) {
        if (members == 0) {
            throw new PipelineFailure("input " + options.input() + " holds no members");
        }
        double fraction = (double) rejected / members;
        if (fraction > options.maxRejectFraction()) {
            throw new PipelineFailure(String.format(
                    "%d of %d input members rejected (%.2f%%), above --max-reject-fraction %s; the reasons are in %s",
                    rejected, members, 100 * fraction, options.maxRejectFraction(), reasonsAt));
        }
    }
}
