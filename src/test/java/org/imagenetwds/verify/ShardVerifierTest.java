package org.imagenetwds.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.imagenetwds.dataset.SampleJson;
import org.imagenetwds.image.ImageEncoding;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.image.TransformedImage;
import org.imagenetwds.tar.WebDatasetShardWriter;
import org.imagenetwds.testing.TestImages;
import org.imagenetwds.testing.TestImages.Entry;
import org.junit.jupiter.api.Test;

class ShardVerifierTest {

    private final ShardVerifier verifier = new ShardVerifier(List.of("n00000001", "n00000002"), ImageRules.defaults());

    private ShardVerifier.Report verify(byte[] tar) throws IOException {
        return verifier.verify("s.tar", new ByteArrayInputStream(tar), tar.length);
    }

    @Test
    void aWellFormedShardPassesAndListsItsSamples() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WebDatasetShardWriter w = new WebDatasetShardWriter(out)) {
            w.write("n00000002_1", 1, TestImages.jpeg(100, 80), SampleJson.of(1, "n00000002", "n00000002_1.JPEG", 100, 80, 0, 0));
            w.write("n00000001_7", 0, TestImages.jpeg(64, 64), SampleJson.of(0, "n00000001", "n00000001_7.JPEG", 64, 64, 0, 0));
        }
        ShardVerifier.Report r = verify(out.toByteArray());
        assertEquals(List.of(), r.problems());
        assertEquals(List.of(new ShardVerifier.SampleRecord("n00000002_1", 1, "n00000002", -1),
                new ShardVerifier.SampleRecord("n00000001_7", 0, "n00000001", -1)), r.samples());
    }

    @Test
    void aClassViewsLabelMustBeItsLineInTheViewsClassesOrMinusOneOutside() throws IOException {
        ShardVerifier withView = new ShardVerifier(List.of("n00000001", "n00000002", "n00000003"), ImageRules.defaults(),
                "label_12k", List.of("n00000001", "n00000003"));
        byte[] jpeg = TestImages.jpeg(64, 64);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WebDatasetShardWriter w = new WebDatasetShardWriter(out)) {
            w.write("a", 2, jpeg, SampleJson.of(2, "n00000003", "a.JPEG", 64, 64, 0, 0, java.util.Map.of("label_12k", 1)));
            w.write("b", 1, jpeg, SampleJson.of(1, "n00000002", "b.JPEG", 64, 64, 0, 0, java.util.Map.of("label_12k", -1)));
            w.write("c", 0, jpeg, SampleJson.of(0, "n00000001", "c.JPEG", 64, 64, 0, 0, java.util.Map.of("label_12k", 1)));
            w.write("d", 1, jpeg, SampleJson.of(1, "n00000002", "d.JPEG", 64, 64, 0, 0));
        }
        byte[] tar = out.toByteArray();
        ShardVerifier.Report r = withView.verify("s.tar", new ByteArrayInputStream(tar), tar.length);
        assertEquals(List.of(1, -1, 0, -1), r.samples().stream().map(ShardVerifier.SampleRecord::viewLabel).toList());
        assertEquals(List.of("s.tar: sample c: label_12k is 1 but class n00000001 is line 0 of the view's classes",
                "s.tar: sample d: .json has no integer label_12k"), r.problems());
        ShardCheck check = ShardCheck.of("validation", r, true);
        assertEquals(2, check.viewSamples());
        assertEquals(java.util.Map.of("a", 1, "b", -1, "c", 0, "d", -1), check.validationLabels());
    }

    @Test
    void wrongLabelsSizesFormatsAndGroupingAreEachReported() throws IOException {
        byte[] jpeg = TestImages.jpeg(100, 80);
        byte[] tar = TestImages.tar(List.of(
                // .cls and .json disagree, and the json size is wrong
                Entry.file("k1.cls", TestImages.ascii("0")), Entry.file("k1.jpg", jpeg),
                Entry.file("k1.json", SampleJson.of(1, "n00000002", "k1.JPEG", 99, 80, 0, 0)),
                // a PNG stored as .jpg
                Entry.file("k2.cls", TestImages.ascii("1")),
                Entry.file("k2.jpg", TestImages.encode(TestImages.gradient(60, 60, java.awt.image.BufferedImage.TYPE_3BYTE_BGR), "png")),
                Entry.file("k2.json", SampleJson.of(1, "n00000002", "k2.JPEG", 60, 60, 0, 0)),
                // an incomplete sample, then members out of order
                Entry.file("k3.cls", TestImages.ascii("1")),
                Entry.file("k4.jpg", jpeg), Entry.file("k4.cls", TestImages.ascii("1")),
                Entry.file("k4.json", SampleJson.of(1, "n00000002", "k4.JPEG", 100, 80, 0, 0))));
        List<String> problems = verify(tar).problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("k1") && p.contains(".cls says 0")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("k1") && p.contains("99x80")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("k2") && p.contains("not a JPEG")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("k3") && p.contains("incomplete")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("k4") && p.contains("order")), problems.toString());
    }

    @Test
    void leftoverMetadataAndATruncatedScanAreReportedWithoutDecoding() throws IOException {
        byte[] jpeg = TestImages.jpeg(100, 80);
        byte[] withExif = TestImages.withSegment(jpeg, 0xE1, TestImages.exifWithGpsAndThumbnail(new byte[16]));
        byte[] truncated = java.util.Arrays.copyOf(jpeg, jpeg.length - 40);
        byte[] tar = TestImages.tar(List.of(
                Entry.file("k1.cls", TestImages.ascii("1")), Entry.file("k1.jpg", withExif),
                Entry.file("k1.json", SampleJson.of(1, "n00000002", "k1.JPEG", 100, 80, 0, 0)),
                Entry.file("k2.cls", TestImages.ascii("1")), Entry.file("k2.jpg", truncated),
                Entry.file("k2.json", SampleJson.of(1, "n00000002", "k2.JPEG", 100, 80, 0, 0))));
        List<String> problems = verify(tar).problems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("k1") && problems.get(0).contains("metadata"), problems.toString());
        assertTrue(problems.get(1).contains("k2") && problems.get(1).contains("EOI"), problems.toString());
    }

    @Test
    void aWebpShardPassesWhenItsMembersDecodeAndFailsNamingAMemberThatDoesNot() throws Exception {
        ImageRules webp = ImageRules.defaults().withEncoding(ImageEncoding.WEBP);
        ShardVerifier webpVerifier = new ShardVerifier(List.of("n00000001", "n00000002"), webp);
        TransformedImage a = webp.apply(TestImages.jpeg(100, 80));
        TransformedImage b = webp.apply(TestImages.jpeg(64, 64));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WebDatasetShardWriter w = new WebDatasetShardWriter(out, ImageEncoding.WEBP)) {
            w.write("n00000002_1", 1, a.bytes(), SampleJson.of(1, "n00000002", "n00000002_1.JPEG", 100, 80, 0, 0));
            w.write("n00000001_7", 0, b.bytes(), SampleJson.of(0, "n00000001", "n00000001_7.JPEG", 64, 64, 0, 0));
        }
        byte[] good = out.toByteArray();
        ShardVerifier.Report r = webpVerifier.verify("s.tar", new ByteArrayInputStream(good), good.length);
        assertEquals(List.of(), r.problems());
        assertEquals(2, r.samples().size());
        // the same shard in a jpeg build: the image members are not what it writes
        assertTrue(verify(good).problems().stream().anyMatch(p -> p.contains("n00000002_1.webp")), verify(good).problems().toString());

        byte[] truncated = java.util.Arrays.copyOf(a.bytes(), a.bytes().length - 30);
        byte[] garbled = a.bytes().clone();
        java.util.Arrays.fill(garbled, 30, garbled.length, (byte) 0x5a); // the VP8 frame header and data overwritten
        byte[] bad = TestImages.tar(List.of(
                Entry.file("k1.cls", TestImages.ascii("1")), Entry.file("k1.webp", truncated),
                Entry.file("k1.json", SampleJson.of(1, "n00000002", "k1.JPEG", 100, 80, 0, 0)),
                Entry.file("k2.cls", TestImages.ascii("1")), Entry.file("k2.webp", garbled),
                Entry.file("k2.json", SampleJson.of(1, "n00000002", "k2.JPEG", 100, 80, 0, 0)),
                Entry.file("k3.cls", TestImages.ascii("1")), Entry.file("k3.jpg", TestImages.jpeg(100, 80)),
                Entry.file("k3.json", SampleJson.of(1, "n00000002", "k3.JPEG", 100, 80, 0, 0)),
                Entry.file("k4.cls", TestImages.ascii("1")), Entry.file("k4.webp", TestImages.jpeg(100, 80)),
                Entry.file("k4.json", SampleJson.of(1, "n00000002", "k4.JPEG", 100, 80, 0, 0))));
        List<String> problems = webpVerifier.verify("s.tar", new ByteArrayInputStream(bad), bad.length).problems();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("sample k1") && problems.get(0).contains("does not decode"), problems.toString());
        assertTrue(problems.get(1).contains("sample k2") && problems.get(1).contains("does not decode"), problems.toString());
        assertTrue(problems.get(2).contains("k3.jpg"), problems.toString());
        assertTrue(problems.get(3).contains("sample k4") && problems.get(3).contains("not a WebP but jpeg"), problems.toString());
    }

    @Test
    void anUnreadableTarIsAProblemNotAnException() throws IOException {
        byte[] tar = TestImages.tar(List.of(Entry.file("k1.cls", TestImages.ascii("0"))));
        tar[148] = 'x';
        assertTrue(verify(tar).problems().stream().anyMatch(p -> p.contains("unreadable")));
    }
}
