package org.imagenetwds.verify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.imagenetwds.plan.ShardLayout;
import org.imagenetwds.recipe.ClassView;

/**
 * What the driver needs of one re-read shard: its problems, its size, how many of its samples are in
 * the class view, and, for validation, each sample's key and label (a few bytes per sample;
 * validation splits are small) — the view's label when the validation split is the view's — and
 * the SHA-256 of its bytes as read.
 */
public record ShardCheck(String split, String shard, int samples, int viewSamples, List<String> problems,
                         Map<String, Integer> validationLabels, String sha256) implements java.io.Serializable {

    public static ShardCheck of(String split, ShardVerifier.Report report) {
        return of(split, report, false);
    }

    /** @param byView validation is held out of a class view: collect its samples' view labels */
    public static ShardCheck of(String split, ShardVerifier.Report report, boolean byView) {
        Map<String, Integer> labels = new HashMap<>();
        if (split.equals(ShardLayout.VALIDATION)) {
            report.samples().forEach(s -> labels.put(s.key(), byView ? s.viewLabel() : s.label()));
        }
        int inView = (int) report.samples().stream().filter(s -> s.viewLabel() != ClassView.OUTSIDE).count();
        return new ShardCheck(split, report.shard(), report.samples().size(), inView, report.problems(), labels,
                report.sha256());
    }
}
