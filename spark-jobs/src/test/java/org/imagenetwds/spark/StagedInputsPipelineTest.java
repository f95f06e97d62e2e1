package org.imagenetwds.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.imagenetwds.cli.ImagenetWds;
import org.imagenetwds.dataset.InputLayout;
import org.imagenetwds.sample.SampleCorpusGenerator;
import org.imagenetwds.staging.StagedInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --stage-inputs always} on a local outer tar (what {@code auto} does on S3): count copies each
 * inner tar under {@code <work>/staged/}, write reads the samples from those copies, and the output is
 * the bytes of the build from per-synset tars; a copy removed after count fails write, naming it.
 */
class StagedInputsPipelineTest {

    @TempDir
    static Path dir;

    private static int run(String command, Path input, Path output, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--input", input.toString(), "--output", output.toString(),
                "--classes", "6", "--val-per-class", "2", "--train-shards", "2", "--val-shards", "1",
                "--max-reject-fraction", "0.2", "--master", "local[2]"));
        args.addAll(List.of(extra));
        return ImagenetWds.execute(args.toArray(String[]::new));
    }

    /** Every file under {@code folder}, by its path there. */
    private static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    @Test
    void writeReadsTheStagedCopiesOfAnOuterTarAndWritesTheBytesOfThePerSynsetBuild() throws IOException {
        SampleCorpusGenerator.Spec spec = new SampleCorpusGenerator.Spec(8, 20, 3, InputLayout.SYNSET_TARS);
        Path tars = dir.resolve("tars");
        new SampleCorpusGenerator(spec).generate(tars);
        Path outer = dir.resolve("outer");
        new SampleCorpusGenerator(new SampleCorpusGenerator.Spec(8, 20, 3, InputLayout.FALL11_TAR)).generate(outer);
        Path reference = dir.resolve("out-tars");
        assertEquals(0, run("run", tars, reference, "--stage-inputs", "always")); // per-synset objects: nothing to stage
        assertFalse(Files.exists(reference.resolve("_work").resolve(StagedInputs.FOLDER)));

        Path staged = dir.resolve("out-staged");
        assertEquals(0, run("run", outer.resolve("fall11_whole.tar"), staged, "--stage-inputs", "always"));
        OutputFiles.assertSameBytes(reference, staged);
        // one copy per inner tar, each the bytes of that synset's tar
        Map<String, byte[]> copies = files(staged.resolve("_work").resolve(StagedInputs.FOLDER));
        Map<String, byte[]> inner = files(tars);
        assertEquals(inner.size(), copies.size(), copies.keySet().toString());
        copies.forEach((name, bytes) -> {
            String synset = name.substring(name.indexOf('/') + 1, name.lastIndexOf('-'));
            assertTrue(name.matches("fall11_whole-[0-9a-f]{8}/n\\d{8}-\\d+\\.tar"), name);
            assertArrayEquals(inner.get(synset + ".tar"), bytes, name);
        });

        // a copy gone after count: write (re-run for another quality) fails naming it, before any shard task
        String removed = copies.keySet().iterator().next();
        Files.delete(staged.resolve("_work").resolve(StagedInputs.FOLDER).resolve(removed));
        assertEquals(1, run("run", outer.resolve("fall11_whole.tar"), staged, "--stage-inputs", "always",
                "--jpeg-quality", "80"));
        // never: count runs again without copies, and the output is again the per-synset build's
        assertEquals(0, run("run", outer.resolve("fall11_whole.tar"), staged, "--stage-inputs", "never"));
        OutputFiles.assertSameBytes(reference, staged);
        assertFalse(Files.exists(staged.resolve("_work").resolve(StagedInputs.FOLDER)));
    }
}
