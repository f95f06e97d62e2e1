package org.imagenetwds.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.imagenetwds.testing.ChildProcess;

/** Test helpers over a written output folder. */
public final class OutputFiles {

    /** A hung Python fails the test instead of the build. */
    private static final Duration PILLOW_LIMIT = Duration.ofMinutes(2);

    private OutputFiles() {
    }

    /**
     * The files that must be byte-identical between equivalent runs, whatever the input layout. (The
     * dataset card also counts the input's rejected members, which differ between layouts.)
     */
    public static List<String> deterministicFiles(Path output) throws IOException {
        try (Stream<Path> s = Files.list(output)) {
            List<String> names = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".tar") || n.equals("_info.json") || n.equals("_info.yaml")
                            || n.equals("classes.txt"))
                    .sorted().toList();
            assertFalse(names.isEmpty(), "no output in " + output);
            return names;
        }
    }

    public static void assertSameBytes(Path expected, Path actual) throws IOException {
        List<String> names = deterministicFiles(expected);
        assertEquals(names, deterministicFiles(actual));
        for (String n : names) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(n)), Files.readAllBytes(actual.resolve(n)),
                    n + " differs between " + expected + " and " + actual);
        }
    }

    /** How many samples of each label the shards hold, read from their {@code .cls} members. */
    public static Map<Integer, Integer> samplesPerLabel(Path output, List<String> shards) throws IOException {
        Map<Integer, Integer> perLabel = new TreeMap<>();
        for (String shard : shards) {
            try (InputStream in = Files.newInputStream(output.resolve(shard)); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
                TarArchiveEntry e;
                while ((e = t.getNextEntry()) != null) {
                    if (e.getName().endsWith(".cls")) {
                        perLabel.merge(Integer.parseInt(new String(t.readAllBytes(), StandardCharsets.US_ASCII)), 1, Integer::sum);
                    }
                }
            }
        }
        return perLabel;
    }

    /** A sample of a shard: its key, its json, and the extension of its image member. */
    public record Sample(String key, com.fasterxml.jackson.databind.JsonNode json, String imageExtension) {
    }

    /** The samples of the shards, in shard order and in order within each shard. */
    public static List<Sample> samples(Path output, List<String> shards) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<Sample> samples = new ArrayList<>();
        for (String shard : shards) {
            String image = null;
            try (InputStream in = Files.newInputStream(output.resolve(shard)); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
                TarArchiveEntry e;
                while ((e = t.getNextEntry()) != null) {
                    String name = e.getName();
                    String ext = name.substring(name.indexOf('.') + 1);
                    if (ext.equals("json")) {
                        samples.add(new Sample(name.substring(0, name.indexOf('.')), mapper.readTree(t.readAllBytes()), image));
                    } else if (!ext.equals("cls")) {
                        image = ext;
                    }
                }
            }
        }
        return samples;
    }

    /** Member names of a tar, in order, up to the first header whose checksum is wrong (damage). */
    public static List<String> members(Path tar) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null && e.isCheckSumOK()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    /** Every member's bytes by name, in tar order. */
    public static Map<String, byte[]> contents(Path tar) throws IOException {
        Map<String, byte[]> members = new java.util.LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null) {
                members.put(e.getName(), t.readAllBytes());
            }
        }
        return members;
    }

    /** timm decodes through Pillow: every image of the shard must open there at its json size (skipped without Pillow). */
    public static void pillowDecodes(Path scratch, Path shard) throws IOException {
        String python = "/usr/bin/python3";
        try {
            if (ChildProcess.run(PILLOW_LIMIT, List.of(python, "-c", "import PIL.WebPImagePlugin")).exit() != 0) {
                System.out.println("Pillow with WebP is not installed (python3-pil): the Pillow decode is skipped");
                return;
            }
            Path images = Files.createDirectories(scratch.resolve("pillow-" + shard.getFileName()));
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            StringBuilder expected = new StringBuilder();
            for (Map.Entry<String, byte[]> m : contents(shard).entrySet()) {
                if (m.getKey().endsWith(".webp")) {
                    Files.write(images.resolve(m.getKey()), m.getValue());
                } else if (m.getKey().endsWith(".json")) {
                    var sample = json.readTree(m.getValue());
                    expected.append(m.getKey().replace(".json", ".webp")).append(' ').append(sample.path("width").asInt())
                            .append('x').append(sample.path("height").asInt()).append('\n');
                }
            }
            Files.writeString(images.resolve("expected.txt"), expected);
            String script = "import sys, os\nfrom PIL import Image\nd = sys.argv[1]\nn = 0\n"
                    + "for line in open(os.path.join(d, 'expected.txt')):\n"
                    + "    name, size = line.split()\n"
                    + "    im = Image.open(os.path.join(d, name)); im.load()\n"
                    + "    assert im.format == 'WEBP' and '%dx%d' % im.size == size, (name, im.format, im.size, size)\n"
                    + "    n += 1\n"
                    + "print('Pillow decoded', n, 'WebP images')\n";
            ChildProcess.Ran ran = ChildProcess.run(PILLOW_LIMIT, List.of(python, "-c", script, images.toString()));
            String said = ran.printed();
            assertEquals(0, ran.exit(), said);
            System.out.print(said);
            assertEquals("Pillow decoded " + expected.toString().lines().count() + " WebP images", said.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
