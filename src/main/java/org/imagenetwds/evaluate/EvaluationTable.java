package org.imagenetwds.evaluate;

import java.util.Locale;

/** The text table an evaluation prints: one line per metric, then the most confused class pairs. */
final class EvaluationTable {

    private static final String ROW = "%-12s %12s %12s %10s%s\n";

    private EvaluationTable() {
    }

    static String render(EvaluationResult r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, "metric", "correct", "images", "accuracy", ""));
        row(out, "top-1", r.top1(), "");
        r.top5().ifPresent(a -> row(out, "top-5", a, ""));
        r.realTop1().ifPresent(a -> row(out, "ReaL top-1", a, "  (images with a ReaL label)"));
        r.realTop5().ifPresent(a -> row(out, "ReaL top-5", a, "  (images with a ReaL label)"));
        r.multiLabel().ifPresent(m -> out.append(String.format(Locale.ROOT, ROW, "multi-label", "", count(m.images()),
                percent(m.value()), String.format(Locale.ROOT, "  (mean of %,d class accuracies, problematic images left out)",
                        m.classes()))));
        r.imagenetM().ifPresent(a -> row(out, "ImageNet-M", a, ""));
        if (!r.mostConfused().isEmpty()) {
            out.append(String.format(Locale.ROOT, "\n%d most confused (original label -> top-1 prediction)\n",
                    r.mostConfused().size()));
            for (Confusion c : r.mostConfused()) {
                out.append(String.format(Locale.ROOT, "%8d -> %-8d %,10d\n", c.label(), c.predicted(), c.count()));
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String metric, Accuracy a, String note) {
        out.append(String.format(Locale.ROOT, ROW, metric, count(a.correct()), count(a.total()), percent(a.value()), note));
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.3f%%", 100 * value);
    }
}
