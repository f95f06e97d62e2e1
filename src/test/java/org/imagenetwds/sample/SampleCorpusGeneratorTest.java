package org.imagenetwds.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.imagenetwds.dataset.InputLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCorpusGeneratorTest {

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void theSameSpecGivesTheSameBytes(@TempDir Path dir) throws IOException {
        var spec = new SampleCorpusGenerator.Spec(6, 12, 3, InputLayout.SYNSET_TARS);
        new SampleCorpusGenerator(spec).generate(dir.resolve("a"));
        new SampleCorpusGenerator(spec).generate(dir.resolve("b"));
        List<Path> a = files(dir.resolve("a"));
        assertEquals(6, a.size());
        for (Path p : a) {
            assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(dir.resolve("b").resolve(p.getFileName())));
        }
    }

    @Test
    void theAround500ShapeHasRealSynsetsOnBothSidesOf500FilesOfTinyImages(@TempDir Path dir) throws Exception {
        var s = new SampleCorpusGenerator(new SampleCorpusGenerator.Spec(6, 8, 3, InputLayout.FOLDERS,
                SampleCorpusGenerator.Shape.AROUND_500)).generate(dir);
        List<String> wnids = SampleCorpusGenerator.AROUND_500_WNIDS;
        List<Integer> expected = List.of(501, 500, 502, 499, 503, 498);
        for (int rank = 0; rank < 6; rank++) {
            assertEquals(expected.get(rank), files(dir.resolve(wnids.get(rank))).size(), wnids.get(rank));
        }
        assertEquals(3003, s.members());
        assertTrue(Files.exists(dir.resolve(wnids.get(0)).resolve(wnids.get(0) + "_noise.JPEG")), "odd members count as files");
        int large = 0;
        for (Path f : files(dir)) {
            if (f.getFileName().toString().matches("n\\d{8}_\\d+\\.JPEG")) {
                org.imagenetwds.image.ImageHeader h = org.imagenetwds.image.ImageProbe.probe(Files.readAllBytes(f));
                int longer = Math.max(h.width(), h.height());
                assertTrue(longer < 64 || longer >= 224 && longer < 288, f + " " + h.width() + "x" + h.height());
                large += longer >= 224 ? 1 : 0;
            }
        }
        assertTrue(large > 250 && large < 500, large + " of about 3,000 images with a longer side of 224 or more");
    }

    @Test
    void classSizesAreLongTailedAndOddMembersArePresent(@TempDir Path dir) throws IOException {
        var s = new SampleCorpusGenerator(new SampleCorpusGenerator.Spec(10, 40, 3, InputLayout.FOLDERS))
                .generate(dir);
        List<Long> sizes = Files.list(dir).map(d -> {
            try (Stream<Path> f = Files.list(d)) {
                return f.count();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).sorted().toList();
        assertTrue(sizes.get(sizes.size() - 1) >= 40 && sizes.get(0) <= 10, sizes.toString());
        assertEquals(8, s.expectedRejects()); // tiny, noise, truncated, bomb in each of the two largest synsets
        assertEquals(0, s.damagedTars()); // a folder has no tar to damage
        assertEquals(sizes.stream().mapToLong(Long::longValue).sum(), s.members());
        assertTrue(files(dir).stream().anyMatch(p -> p.getFileName().toString().endsWith("_png.JPEG")));
    }
}
