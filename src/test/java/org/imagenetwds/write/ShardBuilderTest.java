package org.imagenetwds.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.imagenetwds.image.ImageRules;
import org.imagenetwds.testing.TestImages;
import org.junit.jupiter.api.Test;

class ShardBuilderTest {

    @Test
    void writesSamplesInPlanOrderRecordsOffsetsAndRejectsBadImagesWithoutFailing() throws IOException {
        Map<String, byte[]> sources = Map.of(
                "a", TestImages.jpeg(200, 100),
                "b", TestImages.jpeg(1200, 800),
                "c", TestImages.ascii("garbage that looked fine"));
        ByteRangeReader reader = (source, offset, length) -> sources.get(source);
        List<PlannedSample> plan = List.of(
                new PlannedSample("n00000001_a", "n00000001", 0, "n00000001_a.JPEG", "a", 0, 1, 0),
                new PlannedSample("n00000002_c", "n00000002", 1, "n00000002_c.JPEG", "c", 0, 1, 1),
                new PlannedSample("n00000002_b", "n00000002", 1, "n00000002_b.JPEG", "b", 0, 1, 2));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ShardResult r;
        try (ShardBuilder builder = new ShardBuilder(ImageRules.defaults(), reader)) {
            r = builder.build("train", "x-train-0000.tar", plan, out);
        }
        byte[] tar = out.toByteArray();
        assertEquals(tar.length, r.bytes());
        assertEquals(2, r.written().size());
        assertEquals(1, r.rejected().size());
        assertEquals("not_an_image", r.rejected().get(0).reason());
        ManifestEntry a = r.written().get(0);
        assertEquals("copied", a.action());
        assertArrayEquals(sources.get("a"), Arrays.copyOfRange(tar, (int) a.jpgOffset(), (int) (a.jpgOffset() + a.jpgLength())));
        ManifestEntry b = r.written().get(1);
        assertEquals("resized", b.action());
        assertEquals(900, b.width());
        assertEquals(1200, b.origWidth());
        String json = new String(tar, (int) b.jsonOffset(), (int) b.jsonLength(), StandardCharsets.UTF_8);
        assertEquals("{\"label\":1,\"class_name\":\"n00000002\",\"filename\":\"n00000002_b.JPEG\",\"width\":900,"
                + "\"height\":600,\"orig_width\":1200,\"orig_height\":800}", json);
        assertEquals(64, r.sha256().length());
    }

    /** The caller completes or aborts the stream (Storage.writeAtomically): on S3 closing it publishes the object. */
    @Test
    void aSourceThatCannotBeReadFailsTheShardWithoutClosingTheCallersStream() throws IOException {
        ByteRangeReader reader = (source, offset, length) -> {
            if (source.equals("gone")) {
                throw new IOException("gone: no answer");
            }
            return TestImages.jpeg(100, 100);
        };
        List<PlannedSample> plan = List.of(
                new PlannedSample("n00000001_a", "n00000001", 0, "a.JPEG", "a", 0, 1, 0),
                new PlannedSample("n00000001_b", "n00000001", 0, "b.JPEG", "gone", 0, 1, 1));
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        try (ShardBuilder builder = new ShardBuilder(ImageRules.defaults(), reader)) {
            IOException failure = assertThrows(IOException.class, () -> builder.build("train", "t.tar", plan, out));
            assertEquals("gone: no answer", failure.getMessage());
        }
        assertFalse(closed[0], "the failed shard's stream was closed, which on S3 publishes it");

        closed[0] = false;
        out.reset();
        ShardResult whole;
        try (ShardBuilder builder = new ShardBuilder(ImageRules.defaults(), reader)) {
            whole = builder.build("train", "t.tar", plan.subList(0, 1), out);
        }
        assertFalse(closed[0], "closing is the caller's");
        assertEquals(whole.bytes(), out.size(), "every byte reaches the stream before build returns");
    }

    @Test
    void anImageOverTheTimeLimitIsRejectedAndTheShardGoesOn() throws IOException {
        Map<String, byte[]> sources = Map.of("big", TestImages.jpeg(3000, 2400), "small", TestImages.jpeg(100, 100));
        List<PlannedSample> plan = List.of(
                new PlannedSample("n00000001_big", "n00000001", 0, "big.JPEG", "big", 0, 1, 0),
                new PlannedSample("n00000001_small", "n00000001", 0, "small.JPEG", "small", 0, 1, 1));
        ShardResult r;
        try (ShardBuilder builder = new ShardBuilder(ImageRules.defaults(), (s, o, l) -> sources.get(s),
                java.time.Duration.ofMillis(1))) {
            r = builder.build("train", "t.tar", plan, new ByteArrayOutputStream());
        }
        assertEquals(1, r.rejected().size());
        assertEquals("decode_error", r.rejected().get(0).reason());
        assertTrue(r.rejected().get(0).detail().contains("time limit"), r.rejected().get(0).detail());
        assertEquals("n00000001_small", r.written().get(0).key()); // copy path: no time limit needed
    }
}
