package org.imagenetwds.verify;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.imagenetwds.dataset.SampleKeys;
import org.imagenetwds.image.ImageEncoding;
import org.imagenetwds.image.ImageFormat;
import org.imagenetwds.image.ImageHeader;
import org.imagenetwds.image.ImageProbe;
import org.imagenetwds.image.ImageRejectedException;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.recipe.ClassView;
import org.imagenetwds.image.JpegMetadataStripper;
import org.imagenetwds.image.WrittenWebpCheck;
import org.imagenetwds.tar.TarStreamReader;

/**
 * Re-reads one written shard and checks what a WebDataset reader relies on: members are safe
 * regular files grouped per sample as {@code .cls}, {@code .jpg} (the build's image extension:
 * {@code .webp} for WebP), {@code .json}; the label agrees across {@code .cls}, {@code .json} and
 * {@code classes.txt}; every image is a complete JPEG (or lossy WebP) of the size its json states,
 * within the size rules, stripped of removable metadata.
 */
public final class ShardVerifier implements java.io.Serializable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A sample seen in the shard; {@code viewLabel}: its label in the class view, or -1 (also without a view). */
    public record SampleRecord(String key, int label, String className, int viewLabel) implements java.io.Serializable {
    }

    /** The samples of a shard and every problem found in it. */
    /** @param sha256 of the shard's bytes as read (null for an ImageFolder file or an unreadable tar) */
    public record Report(String shard, List<SampleRecord> samples, List<String> problems, String sha256)
            implements java.io.Serializable {
    }

    private final List<String> classes;
    private final ImageRules rules;
    /** A sample's member extensions in order: the image's is the build's encoding's. */
    private final List<String> order;
    private final String viewLabelField;
    private final List<String> viewClasses;

    public ShardVerifier(List<String> classes, ImageRules rules) {
        this(classes, rules, null, List.of());
    }

    /**
     * @param viewLabelField the json field of the class view's label ({@code label_12k}), or null without a view
     * @param viewClasses    the view's classes in label order ({@code classes_12k.txt})
     */
    public ShardVerifier(List<String> classes, ImageRules rules, String viewLabelField, List<String> viewClasses) {
        this.classes = List.copyOf(classes);
        this.rules = rules;
        this.order = List.of("cls", rules.encoding().extension(), "json");
        this.viewLabelField = viewLabelField;
        this.viewClasses = List.copyOf(viewClasses);
    }

    public Report verify(String shard, InputStream in, long length) throws IOException {
        List<SampleRecord> samples = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String[]> group = new ArrayList<>();
        List<byte[]> groupData = new ArrayList<>();
        java.security.MessageDigest digest = org.imagenetwds.dataset.Sha256.newDigest();
        java.security.DigestInputStream digesting = new java.security.DigestInputStream(in, digest);
        String sha256 = null;
        try (TarStreamReader reader = new TarStreamReader(digesting, 0, length, shard)) {
            reader.forEach((member, data) -> {
                String name = member.name();
                if (!member.isRegularFile() || SampleKeys.unsafeNameReason(name).isPresent() || name.contains("/")) {
                    problems.add(shard + ": unsafe or non-regular member " + name);
                    return;
                }
                int dot = name.indexOf('.');
                String key = dot < 0 ? name : name.substring(0, dot);
                String ext = dot < 0 ? "" : name.substring(dot + 1);
                if (!group.isEmpty() && !group.get(0)[0].equals(key)) {
                    problems.add(shard + ": sample " + group.get(0)[0] + " is incomplete");
                    group.clear();
                    groupData.clear();
                }
                group.add(new String[] {key, ext});
                groupData.add(member.readData(data));
                if (group.size() == order.size()) {
                    check(shard, key, group, groupData, samples, problems);
                    group.clear();
                    groupData.clear();
                }
            });
            digesting.transferTo(java.io.OutputStream.nullOutputStream()); // the end-of-archive blocks too
            sha256 = org.imagenetwds.dataset.Sha256.hex(digest.digest());
        } catch (IOException e) {
            problems.add(shard + ": unreadable tar: " + e.getMessage());
        }
        if (!group.isEmpty()) {
            problems.add(shard + ": sample " + group.get(0)[0] + " is incomplete at the end");
        }
        return new Report(shard, samples, problems, sha256);
    }

    private void check(String shard, String key, List<String[]> group, List<byte[]> data,
                       List<SampleRecord> samples, List<String> problems) throws IOException {
        for (int i = 0; i < order.size(); i++) {
            if (!order.get(i).equals(group.get(i)[1])) {
                problems.add(shard + ": sample " + key + " member " + key + "." + group.get(i)[1] + " where ."
                        + String.join(", .", order) + " in that order are expected");
                return;
            }
        }
        String where = shard + ": sample " + key;
        int label;
        JsonNode json;
        try {
            label = Integer.parseInt(new String(data.get(0), java.nio.charset.StandardCharsets.US_ASCII));
            json = JSON.readTree(data.get(2));
        } catch (NumberFormatException | IOException e) {
            problems.add(where + ": unreadable .cls or .json: " + e.getMessage());
            return;
        }
        String className = json.path("class_name").asText();
        if (json.path("label").asInt(-1) != label) {
            problems.add(where + ": .cls says " + label + " but .json says " + json.path("label"));
        }
        if (label < 0 || label >= classes.size() || !classes.get(label).equals(className)) {
            problems.add(where + ": label " + label + " is not class " + className + " in classes.txt");
        }
        checkImage(where, data.get(1), json, problems);
        samples.add(new SampleRecord(key, label, className, viewLabel(where, json, className, problems)));
    }

    /** The class view's label the json holds, checked against the view's class list: -1 exactly outside it. */
    private int viewLabel(String where, JsonNode json, String className, List<String> problems) {
        if (viewLabelField == null) {
            return ClassView.OUTSIDE;
        }
        JsonNode field = json.get(viewLabelField);
        int expected = Math.max(ClassView.OUTSIDE, java.util.Collections.binarySearch(viewClasses, className));
        if (field == null || !field.isInt()) {
            problems.add(where + ": .json has no integer " + viewLabelField);
        } else if (field.asInt() != expected) {
            problems.add(where + ": " + viewLabelField + " is " + field.asInt() + " but class " + className + " is "
                    + (expected == ClassView.OUTSIDE ? "outside the view" : "line " + expected + " of the view's classes"));
        }
        return expected;
    }

    /**
     * One image of an ImageFolder tree, {@code <split folder>/<wnid>/<file>}: its folder is a class
     * of classes.txt, and the image passes the checks a shard's images do.
     */
    public Report verifyFile(String path, byte[] image) {
        List<String> problems = new ArrayList<>();
        String[] parts = path.split("/");
        String wnid = parts.length >= 2 ? parts[parts.length - 2] : "";
        int label = java.util.Collections.binarySearch(classes, wnid); // classes.txt is in ascending WNID order
        if (label < 0) {
            label = -1;
            problems.add(path + ": folder " + wnid + " is not a class in classes.txt");
        }
        checkImage(path, image, null, problems);
        return new Report(path, List.of(new SampleRecord(SampleKeys.stemOf(path), label, wnid, ClassView.OUTSIDE)), problems,
                null);
    }

    /**
     * A JPEG is checked from its bytes without decoding pixels (a full decode of every output
     * image would cost more than the write itself): marker segments intact and ending in EOI, with
     * the size its json states, within the size rules, and without metadata the rules remove. Pixels
     * of re-encoded images were decoded by the write stage. A WebP is decoded ({@link WrittenWebpCheck}):
     * its format has no structure to check short of that. {@code json} is null for a file of an
     * ImageFolder tree (no stated size).
     */
    private void checkImage(String where, byte[] image, JsonNode json, List<String> problems) {
        int[] size = rules.encoding() == ImageEncoding.WEBP ? webpSize(where, image, problems)
                : jpegSize(where, image, problems);
        if (size == null) {
            return;
        }
        int w = size[0];
        int h = size[1];
        if (json != null && (w != json.path("width").asInt() || h != json.path("height").asInt())) {
            problems.add(where + ": image is " + w + "x" + h + " but .json says "
                    + json.path("width") + "x" + json.path("height"));
        }
        if (!rules.fitsOutput(w, h)) {
            problems.add(where + ": " + w + "x" + h + " outside the size rules (min edge "
                    + rules.minEdge() + ", " + rules.describeResize() + ")");
        }
        if (rules.encoding() == ImageEncoding.WEBP) {
            return; // a simple lossy WebP holds no metadata chunk: WrittenWebpCheck proved it is one
        }
        try {
            if (JpegMetadataStripper.hasRemovableMetadata(image)) {
                problems.add(where + ": JPEG still carries metadata the rules remove (Exif, XMP, comments, ...)");
            }
        } catch (ImageRejectedException e) {
            problems.add(where + ": JPEG structure is broken: " + e.detail());
        }
    }

    /** The size from the header of a JPEG, or null with the problem added. */
    private static int[] jpegSize(String where, byte[] jpg, List<String> problems) {
        ImageHeader header;
        try {
            header = ImageProbe.probe(jpg);
        } catch (ImageRejectedException e) {
            problems.add(where + ": image header does not parse: " + e.detail());
            return null;
        }
        if (header.format() != ImageFormat.JPEG) {
            problems.add(where + ": .jpg member is not a JPEG but " + header.format().code());
            return null;
        }
        return new int[] {header.width(), header.height()};
    }

    /** The decoded size of a WebP, or null with the problem added. */
    private static int[] webpSize(String where, byte[] webp, List<String> problems) {
        ImageFormat format = ImageProbe.sniff(webp); // reads the first bytes only
        if (format != ImageEncoding.WEBP.format()) {
            problems.add(where + ": ." + ImageEncoding.WEBP.extension() + " member is not a WebP but " + format.code());
            return null;
        }
        try {
            return WrittenWebpCheck.check(webp);
        } catch (ImageRejectedException e) {
            problems.add(where + ": ." + ImageEncoding.WEBP.extension() + " member does not decode: " + e.detail());
            return null;
        }
    }
}
