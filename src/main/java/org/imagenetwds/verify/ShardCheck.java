package org.imagenetwds.verify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.imagenetwds.plan.ShardLayout;

/**
 * What the driver needs of one re-read shard: its problems, its size and, for validation, each
 * sample's key and label (a few bytes per sample; validation splits are small).
 */
public record ShardCheck(String split, String shard, int samples, List<String> problems,
                         Map<String, Integer> validationLabels) implements java.io.Serializable {

    public static ShardCheck of(String split, ShardVerifier.Report report) {
        Map<String, Integer> labels = new HashMap<>();
        if (split.equals(ShardLayout.VALIDATION)) {
            report.samples().forEach(s -> labels.put(s.key(), s.label()));
        }
        return new ShardCheck(split, report.shard(), report.samples().size(), report.problems(), labels);
    }
}
