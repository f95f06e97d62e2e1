package org.imagenetwds.dataset;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code <key>.json} member: label, class_name, filename, width, height and, when resized, the
 * original size; then its label in a class view ({@code label_12k}) and a validation sample's label
 * sets, when the build has them.
 */
public final class SampleJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleJson() {
    }

    public static byte[] of(int label, String synset, String filename, int width, int height,
                            int origWidth, int origHeight) {
        return of(label, synset, filename, width, height, origWidth, origHeight, Map.of());
    }

    /** With {@code extra} fields after the usual ones (a class view's label, label sets); none gives the same bytes as above. */
    public static byte[] of(int label, String synset, String filename, int width, int height,
                            int origWidth, int origHeight, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", label);
        m.put("class_name", synset);
        m.put("filename", filename);
        m.put("width", width);
        m.put("height", height);
        if (origWidth > 0) {
            m.put("orig_width", origWidth);
            m.put("orig_height", origHeight);
        }
        m.putAll(extra);
        try {
            return JSON.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise sample json for " + filename, e);
        }
    }
}
