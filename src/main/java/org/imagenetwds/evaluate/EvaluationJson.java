package org.imagenetwds.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code evaluation.json}: every metric of an {@link EvaluationResult} with its numerator and
 * denominator (so a reader can pool or re-check it exactly), and the most confused pairs. Metrics
 * whose input was not given are left out. Per-class scores go to a table, not here.
 */
public final class EvaluationJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationJson() {
    }

    /**
     * @param dataset     the evaluated dataset's URI
     * @param predictions the predictions' URI
     */
    public static byte[] of(EvaluationResult r, String dataset, String predictions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("predictions", predictions);
        m.put("classes", r.perClass().size());
        m.put("top1", accuracy(r.top1()));
        r.top5().ifPresent(a -> m.put("top5", accuracy(a)));
        r.realTop1().ifPresent(a -> m.put("real_top1", accuracy(a)));
        r.realTop5().ifPresent(a -> m.put("real_top5", accuracy(a)));
        r.multiLabel().ifPresent(a -> {
            Map<String, Object> multi = new LinkedHashMap<>();
            multi.put("accuracy", a.value());
            multi.put("classes", a.classes());
            multi.put("images", a.images());
            m.put("multi_label", multi);
        });
        r.imagenetM().ifPresent(a -> m.put("imagenet_m", accuracy(a)));
        m.put("most_confused", r.mostConfused().stream().map(EvaluationJson::confusion).toList());
        try {
            return (JSON.writeValueAsString(m) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise evaluation.json", e);
        }
    }

    private static Map<String, Object> accuracy(Accuracy a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("correct", a.correct());
        m.put("total", a.total());
        m.put("accuracy", a.value());
        return m;
    }

    private static Map<String, Object> confusion(Confusion c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", c.label());
        m.put("predicted", c.predicted());
        m.put("count", c.count());
        return m;
    }
}
