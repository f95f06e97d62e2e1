package org.imagenetwds.labels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes a file of the shape of {@code human_accuracy_v3.0.0.json} (the real one, 200 MB, is not
 * reachable here): {@code initial_annots} with a verdict list's key left out when it is empty (and
 * "wrong" written before "correct", as in the real file), ImageNetV2 names beside the validation ones,
 * {@code problematic_images} with review notes as values, {@code imagenet_m}, and a section the reader
 * does not use.
 */
public final class MultiLabelFixture {

    /** The name of an ImageNetV2 image as the real file spells them: a class folder and a hash. */
    public static String v2Name(int classFolder, int n) {
        return "imagenetv2-matched-frequency-format-val/" + classFolder + "/" + Integer.toHexString(0x7d7f3e5c + n) + ".jpeg";
    }

    private record Verdicts(List<String> correct, List<String> unclear, List<String> wrong) {
    }

    private final Map<String, Verdicts> annots = new LinkedHashMap<>();
    private final List<String> problematic = new ArrayList<>();
    private final List<String> imagenetM = new ArrayList<>();
    private boolean withImagenetM = true;

    public MultiLabelFixture annotate(String file, List<String> correct, List<String> unclear, List<String> wrong) {
        annots.put(file, new Verdicts(correct, unclear, wrong));
        return this;
    }

    public MultiLabelFixture problematic(String file) {
        problematic.add(file);
        return this;
    }

    public MultiLabelFixture imagenetM(String file) {
        imagenetM.add(file);
        return this;
    }

    /** Leaves the imagenet_m section out, as in files older than v3.0.0. */
    public MultiLabelFixture withoutImagenetM() {
        withImagenetM = false;
        return this;
    }

    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeObjectFieldStart("initial_annots");
            for (Map.Entry<String, Verdicts> e : annots.entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                writeList(g, "wrong", e.getValue().wrong());
                writeList(g, "correct", e.getValue().correct());
                writeList(g, "unclear", e.getValue().unclear());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("problematic_images");
            for (String file : problematic) {
                g.writeObjectFieldStart(file);
                g.writeStringField("reason", "marked as problematic in the review server");
                g.writeStringField("reviewer", "fixture");
                g.writeStringField("time_marked", "2019-03-29T22:48:36.956685+00:00");
                g.writeEndObject();
            }
            g.writeEndObject();
            if (withImagenetM) {
                g.writeArrayFieldStart("imagenet_m");
                for (String file : imagenetM) {
                    g.writeString(file);
                }
                g.writeEndArray();
            }
            g.writeObjectFieldStart("fast_annots"); // a section the reader skips
            g.writeArrayFieldStart("ILSVRC2012_val_00000001.JPEG");
            g.writeNumber(1);
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeList(JsonGenerator g, String key, List<String> wnids) throws IOException {
        if (wnids.isEmpty()) {
            return; // the real file leaves an empty list's key out
        }
        g.writeArrayFieldStart(key);
        for (String wnid : wnids) {
            g.writeString(wnid);
        }
        g.writeEndArray();
    }
}
