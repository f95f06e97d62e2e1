package org.imagenetwds.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.imagenetwds.sample.AlteredCopies;
import org.imagenetwds.sample.SyntheticImages;
import org.imagenetwds.testing.TestImages;
import org.junit.jupiter.api.Test;

/** Fingerprints of real ImageNet samples (../shared) and their copies, made here and by jpegtran. */
class ImageFingerprintTest {

    private static final Path SAMPLES = Path.of(System.getProperty("imagenetwds.shared", "../../shared"), "data",
            "imagenet-samples");

    @Test
    void exifAddedIsAnExactCopy() throws Exception {
        byte[] jpeg = sample("n01440764_tench.JPEG");
        ImageFingerprint original = ImageFingerprint.ofDecodableJpeg(jpeg);
        ImageFingerprint withExif = ImageFingerprint.ofDecodableJpeg(SyntheticImages.withExif(jpeg));
        assertEquals(original, withExif);
        assertTrue(original.isExact(withExif));
        assertEquals(ImageFingerprint.of(jpeg), original, "of() takes the same path for a decodable JPEG");
    }

    /** The DC coefficients, dequantised and laid out, are the 8×8 block means of the decoded pixels. */
    @Test
    void dcImageHashesAsTheDecodedPixelsDo() throws Exception {
        for (String name : List.of("n01440764_tench.JPEG", "n02096051_Airedale.JPEG", "n03041632_cleaver.JPEG")) {
            byte[] jpeg = sample(name); // colour 4:2:0 interleaved; the Airedale greyscale, one component
            ImageFingerprint fromDc = ImageFingerprint.ofDecodableJpeg(jpeg);
            ImageFingerprint fromPixels = ImageFingerprint.of(SyntheticImages.encode(decode(jpeg), "png"));
            assertNotNull(fromPixels);
            assertNotEquals(fromDc.sha256(), fromPixels.sha256());
            assertTrue(fromDc.distance(fromPixels) <= 3, name + ": " + fromDc.distance(fromPixels));
            assertTrue(fromDc.isNear(fromPixels), name);
        }
    }

    @Test
    void progressiveAndRestartIntervalsHashAsTheBaselineFile() throws Exception {
        Path jpegtran = Path.of("/usr/bin/jpegtran");
        assumeTrue(Files.isExecutable(jpegtran), "skipping: jpegtran (libjpeg-turbo-progs) not installed");
        byte[] jpeg = sample("n03041632_cleaver.JPEG");
        ImageFingerprint baseline = ImageFingerprint.ofDecodableJpeg(jpeg);
        // lossless transcodings: the same coefficients, so the same hashes; the content differs
        for (List<String> options : List.of(List.of("-progressive"), List.of("-restart", "1"), List.of("-restart", "3B"),
                List.of("-progressive", "-restart", "2"))) {
            byte[] transcoded = transcode(jpegtran, options, jpeg);
            ImageFingerprint f = ImageFingerprint.ofDecodableJpeg(transcoded);
            assertEquals(baseline.dcHash(), f.dcHash(), options.toString());
            assertEquals(baseline.gradientHash(), f.gradientHash(), options.toString());
        }
    }

    @Test
    void alteredCopiesAreNear() throws Exception {
        Random random = new Random(24);
        List<Path> samples = samples().subList(0, 40);
        int near = 0;
        for (Path p : samples) {
            byte[] jpeg = Files.readAllBytes(p);
            byte[] copy = AlteredCopies.random(jpeg, random);
            ImageFingerprint a = ImageFingerprint.ofDecodableJpeg(jpeg);
            ImageFingerprint b = ImageFingerprint.ofDecodableJpeg(copy);
            assertFalse(a.isExact(b));
            near += a.isNear(b) ? 1 : 0;
        }
        assertTrue(near >= 38, near + " of 40 altered copies found");
    }

    @Test
    void distinctSamplesAreNotNear() throws Exception {
        List<ImageFingerprint> fingerprints = new ArrayList<>();
        for (Path p : samples().subList(0, 200)) {
            fingerprints.add(ImageFingerprint.ofDecodableJpeg(Files.readAllBytes(p)));
        }
        for (int i = 0; i < fingerprints.size(); i++) {
            for (int j = i + 1; j < fingerprints.size(); j++) {
                assertFalse(fingerprints.get(i).isNear(fingerprints.get(j)), i + " and " + j);
            }
        }
    }

    @Test
    void damagedJpegIsRejectedAsTheCheckRejectsIt() throws Exception {
        byte[] truncated = SyntheticImages.truncated(sample("n01440764_tench.JPEG"));
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> ImageFingerprint.ofDecodableJpeg(truncated));
        assertEquals(assertThrows(ImageRejectedException.class, () -> JpegDecodabilityCheck.check(truncated)).detail(),
                e.detail());
    }

    @Test
    void notAnImageHasNoFingerprint() {
        assertNull(ImageFingerprint.of("plain text, not pixels".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertNotNull(ImageFingerprint.of(TestImages.encode(TestImages.gradient(40, 30, BufferedImage.TYPE_INT_RGB), "gif")));
    }

    private static byte[] transcode(Path jpegtran, List<String> options, byte[] jpeg) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(jpegtran.toString()));
        command.addAll(options);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var in = p.getOutputStream()) {
            in.write(jpeg);
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), "jpegtran " + options);
        return out;
    }

    private static BufferedImage decode(byte[] jpeg) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    private static byte[] sample(String name) throws IOException {
        Path p = SAMPLES.resolve(name);
        assumeTrue(Files.isRegularFile(p), "skipping: " + p.toAbsolutePath() + " not found (../shared absent)");
        return Files.readAllBytes(p);
    }

    private static List<Path> samples() throws IOException {
        assumeTrue(Files.isDirectory(SAMPLES), "skipping: " + SAMPLES.toAbsolutePath() + " not found (../shared absent)");
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.sorted().toList();
        }
    }
}
