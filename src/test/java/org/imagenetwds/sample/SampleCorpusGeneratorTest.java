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
