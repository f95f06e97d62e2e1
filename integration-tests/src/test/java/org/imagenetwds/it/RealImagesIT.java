package org.imagenetwds.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.imagenetwds.image.ImageAction;
import org.imagenetwds.image.ImageProbe;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.image.TransformedImage;
import org.imagenetwds.testing.ChildProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image rules on the 1,000 real ImageNet samples, checked with independent tools: exiftool for
 * metadata, djpeg (libjpeg-turbo) for decodability, Pillow for the resize quality.
 */
class RealImagesIT {

    private static final Path SAMPLES = Path.of(System.getProperty("imagenetwds.shared", "../../shared"))
            .resolve("data/imagenet-samples");
    /** exiftool group names (-G1) that must not appear in any written image. */
    /** Longest wait for an outside checker (exiftool over 1,000 files takes seconds). */
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final List<String> FORBIDDEN_GROUPS = List.of("IFD0", "IFD1", "ExifIFD", "GPS", "InteropIFD",
            "MakerNotes", "XMP", "IPTC", "Photoshop", "FlashPix", "MPF", "Ducky", "APP");

    @TempDir
    static Path out;

    private static final List<Path> sources = new ArrayList<>();
    private static final Map<Path, TransformedImage> results = new java.util.LinkedHashMap<>();

    @BeforeAll
    static void applyRules() throws Exception {
        assumeTrue(Files.isDirectory(SAMPLES), "skipping: " + SAMPLES.toAbsolutePath() + " not found (../shared absent)");
        try (Stream<Path> s = Files.list(SAMPLES)) {
            sources.addAll(s.filter(p -> p.toString().endsWith(".JPEG")).sorted().toList());
        }
        assertEquals(1000, sources.size());
        ImageRules rules = ImageRules.defaults();
        Map<ImageAction, Integer> actions = new EnumMap<>(ImageAction.class);
        for (Path src : sources) {
            TransformedImage t = rules.apply(Files.readAllBytes(src));
            Path written = out.resolve(src.getFileName().toString().replace(".JPEG", ".jpg"));
            Files.write(written, t.bytes());
            results.put(src, t);
            actions.merge(t.action(), 1, Integer::sum);
        }
        System.out.println("real samples by action: " + actions);
    }

    private static Path written(Path src) {
        return out.resolve(src.getFileName().toString().replace(".JPEG", ".jpg"));
    }

    @Test
    void keptImagesHaveTheirCompressedDataBitForBitAndResizedOnesAShortEdgeOf600() throws Exception {
        int resized = 0;
        for (Path src : sources) {
            TransformedImage t = results.get(src);
            byte[] original = Files.readAllBytes(src);
            if (t.action() == ImageAction.RESIZED) {
                resized++;
                var h = ImageProbe.probe(t.bytes());
                assertEquals(600, Math.min(h.width(), h.height()), src.toString());
                assertTrue(Math.min(t.origWidth(), t.origHeight()) > 600);
            } else {
                assertTrue(t.action() == ImageAction.COPIED || t.action() == ImageAction.STRIPPED, src + " " + t.action());
                assertArrayEquals(fromFirstSos(original), fromFirstSos(t.bytes()), src.toString());
            }
        }
        assertEquals(26, resized);
    }

    @Test
    void exiftoolFindsNoExifXmpIptcPhotoshopOrComment() throws Exception {
        assumeTrue(onPath("exiftool"), "exiftool (libimage-exiftool-perl) not installed");
        ChildProcess.Ran ran = ChildProcess.run(LIMIT, List.of("exiftool", "-j", "-G1", "-a", "-q", "-r", out.toString()));
        byte[] json = ran.stdout();
        JsonNode files = new ObjectMapper().readTree(json);
        assertEquals(1000, files.size());
        Set<String> offending = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        for (JsonNode file : files) {
            for (Iterator<String> it = file.fieldNames(); it.hasNext();) {
                String tag = it.next();
                String group = tag.contains(":") ? tag.substring(0, tag.indexOf(':')) : "";
                groups.add(group);
                if (FORBIDDEN_GROUPS.stream().anyMatch(group::startsWith) || tag.equals("File:Comment")) {
                    offending.add(file.path("SourceFile").asText() + " " + tag);
                }
            }
        }
        System.out.println("exiftool groups in written images: " + groups);
        assertEquals(Set.of(), offending);
    }

    @Test
    void everyWrittenImageDecodesWithLibjpeg() throws Exception {
        assumeTrue(onPath("djpeg"), "djpeg (libjpeg-turbo-progs) not installed");
        List<String> failures = new ArrayList<>();
        for (Path src : sources) {
            ChildProcess.Ran ran = ChildProcess.run(LIMIT, List.of("djpeg", "-outfile", "/dev/null", written(src).toString()));
            String said = ran.printed().strip();
            if (ran.exit() != 0 || !said.isEmpty()) {
                failures.add(written(src).getFileName() + ": " + said);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void resizedImagesAreCloseToPillowsBicubic() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) && pythonHasPillow(), "Pillow (python3-pil) not installed");
        Path script = out.resolve("pillow_psnr.py");
        try (var in = RealImagesIT.class.getResourceAsStream("/pillow_psnr.py")) {
            Files.write(script, in.readAllBytes());
        }
        StringBuilder pairs = new StringBuilder();
        for (Path src : sources) {
            if (results.get(src).action() == ImageAction.RESIZED) {
                pairs.append(src).append('\t').append(written(src)).append('\n');
            }
        }
        ChildProcess.Ran ran = ChildProcess.run(LIMIT, pairs.toString().getBytes(StandardCharsets.UTF_8),
                List.of("/usr/bin/python3", script.toString()));
        String printed = new String(ran.stdout(), StandardCharsets.UTF_8);
        assertEquals(0, ran.exit(), printed + ran.stderr());
        double[] psnr = printed.lines().mapToDouble(l -> Double.parseDouble(l.split("\t")[1])).sorted().toArray();
        assertEquals(26, psnr.length, printed);
        double median = (psnr[12] + psnr[13]) / 2;
        System.out.printf("PSNR against Pillow BICUBIC over %d resized samples: median %.2f dB, min %.2f dB, max %.2f dB%n",
                psnr.length, median, psnr[0], psnr[psnr.length - 1]);
        assertTrue(median >= 37, "median PSNR " + median + ": " + printed);
        assertTrue(psnr[0] >= 30, "min PSNR " + psnr[0] + ": " + printed);
    }

    /** From the first SOS of the image itself: segments are skipped by length (an Exif thumbnail has its own SOS). */
    private static byte[] fromFirstSos(byte[] jpeg) {
        int pos = 2;
        while (pos + 4 <= jpeg.length) {
            int marker = jpeg[pos + 1] & 0xff;
            if (marker == 0xDA) {
                return Arrays.copyOfRange(jpeg, pos, jpeg.length);
            }
            pos += 2 + (((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff));
        }
        throw new AssertionError("no SOS marker");
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static boolean pythonHasPillow() throws IOException, InterruptedException {
        return ChildProcess.run(LIMIT, List.of("/usr/bin/python3", "-c", "import PIL")).exit() == 0;
    }
}
