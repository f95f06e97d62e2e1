package org.imagenetwds.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.imagenetwds.ilsvrc.Ilsvrc2012Devkit;
import org.imagenetwds.sample.Ilsvrc2012ReleaseGenerator.Layout;
import org.imagenetwds.sample.Ilsvrc2012ReleaseGenerator.Release;
import org.imagenetwds.sample.Ilsvrc2012ReleaseGenerator.Spec;
import org.imagenetwds.tar.TarStreamReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated ILSVRC-2012 release read back the way the pipeline and torchvision read the real one,
 * against the real devkit files in ../shared/data/ilsvrc2012 (skipped without them).
 */
class Ilsvrc2012ReleaseGeneratorTest {

    private static final Path DATA =
            Path.of(System.getProperty("imagenetwds.shared", "../../shared"), "data", "ilsvrc2012");
    private static final int K = 2;
    private static final int N = 120;
    private static final Spec SPEC = new Spec(K, N, 5, Layout.TARS);

    @TempDir
    static Path dir;
    private static Ilsvrc2012ReleaseGenerator generator;
    private static Release release;
    private static Ilsvrc2012Devkit real;

    @BeforeAll
    static void generate() throws IOException {
        assumeTrue(Files.isDirectory(DATA), "skipping: " + DATA.toAbsolutePath() + " not found (../shared absent)");
        generator = Ilsvrc2012ReleaseGenerator.fromDevkit(DATA.resolve("meta.mat"),
                DATA.resolve("ILSVRC2012_validation_ground_truth.txt"));
        release = generator.generate(SPEC, dir.resolve("tars"));
        real = Ilsvrc2012Devkit.read(Files.readAllBytes(DATA.resolve("meta.mat")), "meta.mat",
                Files.readAllBytes(DATA.resolve("ILSVRC2012_validation_ground_truth.txt")), "ground truth");
    }

    @Test
    void theDevkitReadsBackWithTheRealClassesAndLabels() throws IOException {
        Map<String, byte[]> kit = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(Files.newInputStream(release.devkit())))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null;) {
                kit.put(e.getName(), tar.readAllBytes());
            }
        }
        assertEquals(List.of("ILSVRC2012_devkit_t12/data/meta.mat",
                "ILSVRC2012_devkit_t12/data/ILSVRC2012_validation_ground_truth.txt"), List.copyOf(kit.keySet()));
        byte[] meta = kit.get("ILSVRC2012_devkit_t12/data/meta.mat");
        byte[] truth = kit.get("ILSVRC2012_devkit_t12/data/ILSVRC2012_validation_ground_truth.txt");
        Ilsvrc2012Devkit d = Ilsvrc2012Devkit.read(meta, "meta.mat", truth, "ground truth");

        assertEquals(real.classes(), d.classes());
        assertEquals(N, d.validationImages());
        assertEquals(List.of(65, 970, 230), List.of(d.validationLabel(1), d.validationLabel(2), d.validationLabel(3)));
        assertEquals(278, d.labelOfId(1));
        List<String> realLines = Files.readAllLines(DATA.resolve("ILSVRC2012_validation_ground_truth.txt"));
        assertEquals(String.join("\n", realLines.subList(0, N)) + "\n", new String(truth, StandardCharsets.US_ASCII));

        // every field of all 1,860 entries, the 860 ancestors (num_children > 0, IDs > 1000) too
        List<DevkitSynset> written = DevkitMetaMat.read(meta, "written meta.mat");
        assertEquals(DevkitMetaMat.read(Files.readAllBytes(DATA.resolve("meta.mat")), "meta.mat"), written);
        assertEquals(860, written.stream().filter(s -> !s.children().isEmpty() && s.id() > 1000).count());
    }

    @Test
    void validationImagesAreTheFirstNInOrderEachOnItsTrueClassColour() throws IOException {
        Map<String, byte[]> val = members(Files.readAllBytes(release.validation()), "val tar");
        assertEquals(IntStream.rangeClosed(1, N).mapToObj(Ilsvrc2012Devkit::validationFileName).toList(),
                List.copyOf(val.keySet()));
        assertEquals("ILSVRC2012_val_00000001.JPEG", val.keySet().iterator().next());
        for (int i = 1; i <= N; i++) {
            byte[] jpeg = val.get(Ilsvrc2012Devkit.validationFileName(i));
            assertEquals(real.validationLabel(i), labelOf(jpeg), "image " + i);
        }
    }

    @Test
    void theTrainTarHoldsOneTarPerClassWithTheRealOddMembers() throws IOException {
        Map<String, byte[]> outer = members(Files.readAllBytes(release.train()), "train tar");
        assertEquals(real.classes().stream().map(w -> w + ".tar").toList(), List.copyOf(outer.keySet()));

        Map<String, byte[]> first = members(outer.get("n01440764.tar"), "n01440764.tar");
        assertEquals(List.of("n01440764_1.JPEG", "n01440764_2.JPEG"), List.copyOf(first.keySet()));
        assertEquals(real.classes().indexOf("n01440764"), labelOf(first.get("n01440764_2.JPEG")));

        Map<String, byte[]> withPng = members(outer.get("n02105855.tar"), "n02105855.tar");
        assertEquals(List.of("n02105855_1.JPEG", "n02105855_2.JPEG", "n02105855_2933.JPEG"),
                List.copyOf(withPng.keySet()));
        byte[] png = withPng.get(release.pngMember());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertEquals(real.classes().indexOf("n02105855"), labelOf(png));

        byte[] cmyk = members(outer.get("n01739381.tar"), "n01739381.tar").get(release.cmykMember());
        assertEquals(4, componentsOf(cmyk));
        assertTrue(new String(cmyk, StandardCharsets.ISO_8859_1).contains("Adobe"), "Adobe APP14 marker");
    }

    @Test
    void theSameSeedGivesTheSameBytes() throws IOException {
        Release again = generator.generate(SPEC, dir.resolve("again"));
        for (Path[] pair : new Path[][] {{release.train(), again.train()}, {release.validation(), again.validation()},
                {release.devkit(), again.devkit()}}) {
            assertEquals(sha256(pair[0]), sha256(pair[1]), pair[0].getFileName().toString());
        }
    }

    @Test
    void theFoldersHoldTheSameMembersAsTheTars() throws IOException {
        Release folders = generator.generate(new Spec(K, N, 5, Layout.FOLDERS), dir.resolve("folders"));
        assertEquals(dir.resolve("folders/train"), folders.train());
        Map<String, byte[]> outer = members(Files.readAllBytes(release.train()), "train tar");
        List<Path> synsetDirs = list(folders.train());
        assertEquals(1000, synsetDirs.size());
        for (String wnid : List.of("n01440764", "n02105855", "n01739381", "n15075141")) {
            Map<String, byte[]> inner = members(outer.get(wnid + ".tar"), wnid + ".tar");
            List<Path> files = list(folders.train().resolve(wnid));
            assertEquals(inner.keySet().stream().sorted().toList(),
                    files.stream().map(p -> p.getFileName().toString()).toList());
            for (Path f : files) {
                assertArrayEquals(inner.get(f.getFileName().toString()), Files.readAllBytes(f), f.toString());
            }
        }
        Map<String, byte[]> val = members(Files.readAllBytes(release.validation()), "val tar");
        assertEquals(N, list(folders.validation()).size());
        assertArrayEquals(val.get("ILSVRC2012_val_00000120.JPEG"),
                Files.readAllBytes(folders.validation().resolve("ILSVRC2012_val_00000120.JPEG")));
        Ilsvrc2012Devkit d = Ilsvrc2012Devkit.read(Files.readAllBytes(folders.devkit().resolve("data/meta.mat")),
                "meta.mat", Files.readAllBytes(folders.devkit().resolve("data/ILSVRC2012_validation_ground_truth.txt")),
                "ground truth");
        assertEquals(real.classes(), d.classes());
        assertEquals(N, d.validationImages());
    }

    @Test
    void aSpecOutsideTheRealReleaseIsRefusedWithOneLine() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> new Spec(3, 50_001, 1, Layout.TARS));
        assertEquals("validation images must be 1..50,000, got 50001", tooMany.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new Spec(0, 10, 1, Layout.TARS));
        assertEquals("train images per synset must be 1..1000, got 0", none.getMessage());
    }

    /** The class whose colour the image's top-left pixel has; -1 when it has none of the 1,000. */
    private static int labelOf(byte[] image) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(image));
        Color corner = new Color(img.getRGB(1, 1));
        for (int label = 0; label < 1000; label++) {
            Color c = Ilsvrc2012ReleaseGenerator.classColour(label);
            if (Math.abs(c.getRed() - corner.getRed()) <= 8 && Math.abs(c.getGreen() - corner.getGreen()) <= 8
                    && Math.abs(c.getBlue() - corner.getBlue()) <= 8) {
                return label;
            }
        }
        return -1;
    }

    /** The component count in a JPEG's SOF0 header. */
    private static int componentsOf(byte[] jpeg) {
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == 0xC0) {
                return jpeg[i + 9];
            }
        }
        throw new AssertionError("no SOF0 marker");
    }

    /** Members in tar order, read with the pipeline's own tar reader; a repeated name fails. */
    private static Map<String, byte[]> members(byte[] tar, String name) throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        try (TarStreamReader reader = new TarStreamReader(new ByteArrayInputStream(tar), 0, tar.length, name)) {
            reader.forEach((member, data) ->
                    assertNull(members.put(member.name(), member.readData(data)), "repeated " + member.name()));
        }
        return members;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(in.readAllBytes());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
