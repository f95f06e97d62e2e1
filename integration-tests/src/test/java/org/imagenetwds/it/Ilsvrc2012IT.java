package org.imagenetwds.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.ilsvrc.Ilsvrc2012Devkit;
import org.imagenetwds.ilsvrc.Ilsvrc2012Subsets;
import org.imagenetwds.sample.Ilsvrc2012ReleaseGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --preset imagenet1k} on generated ILSVRC-2012-shaped releases whose classes and validation
 * labels are the real devkit's: every validation sample carries its ground-truth label, shards are
 * named and ordered as timm's, subsets hold exactly their files, and a bad devkit stops the run
 * before any image is read.
 */
class Ilsvrc2012IT {

    @TempDir
    static Path dir;

    private static Ilsvrc2012Devkit devkit;
    private static Path reference;

    @BeforeAll
    static void buildTheReference() throws IOException {
        assumeTrue(Files.isDirectory(Ilsvrc2012Runs.DATA), "skipping: " + Ilsvrc2012Runs.DATA.toAbsolutePath() + " not found");
        devkit = Ilsvrc2012Runs.realDevkit();
        reference = Ilsvrc2012Runs.localReference();
    }

    @Test
    void theValidationSetKeepsItsFileOrderAndEveryImageItsGroundTruthLabel() throws IOException {
        DatasetInfo info = DatasetInfo.parse(Files.readAllBytes(reference.resolve("_info.json")));
        assertEquals("imagenet1k", info.name());
        assertEquals(1024, info.split("train").filenames().size());
        assertEquals("imagenet1k-train-1023.tar", info.split("train").filenames().get(1023));
        assertEquals(64, info.split("validation").filenames().size());
        assertEquals("imagenet1k-validation-0063.tar", info.split("validation").filenames().get(63));

        List<Ilsvrc2012Runs.Sample> validation = Ilsvrc2012Runs.samples(reference, "validation");
        assertEquals(Ilsvrc2012Runs.VAL_IMAGES, validation.size());
        for (int i = 1; i <= validation.size(); i++) {
            Ilsvrc2012Runs.Sample s = validation.get(i - 1);
            String file = Ilsvrc2012Devkit.validationFileName(i);
            assertEquals(file.substring(0, file.indexOf('.')), s.key(), "validation shards out of file-name order");
            int label = devkit.validationLabel(i);
            assertEquals(label, s.cls(), file);
            assertEquals(label, s.json().get("label").asInt(), file);
            assertEquals(devkit.classes().get(label), s.json().get("class_name").asText(), file);
            assertEquals(file, s.json().get("filename").asText());
        }
        assertEquals(List.of(65, 970, 230), validation.subList(0, 3).stream().map(Ilsvrc2012Runs.Sample::cls).toList());
        assertEquals(Files.readAllLines(Ilsvrc2012Runs.DATA.resolve("imagenet_1k_synsets.txt")),
                Files.readAllLines(reference.resolve("classes.txt")));
    }

    @Test
    void everyTrainImageIsWrittenWholeUnderItsSortedWnidIndex() throws IOException {
        List<Ilsvrc2012Runs.Sample> train = Ilsvrc2012Runs.samples(reference, "train");
        assertEquals(1000 * Ilsvrc2012Runs.PER_SYNSET + 2, train.size()); // + the PNG and the CMYK JPEG
        Set<String> keys = new HashSet<>();
        for (Ilsvrc2012Runs.Sample s : train) {
            String wnid = s.key().substring(0, s.key().indexOf('_'));
            assertEquals(devkit.classes().indexOf(wnid), s.cls(), s.key());
            assertEquals(wnid, s.json().get("class_name").asText());
            assertFalse(s.json().has("orig_width"), s.key() + " was resized");
            keys.add(s.key());
        }
        assertTrue(keys.containsAll(List.of("n02105855_2933", "n01739381_1309")), "the PNG or the CMYK image is missing");
        List<String> inOrder = train.stream().map(Ilsvrc2012Runs.Sample::key).toList();
        assertNotEquals(inOrder.stream().sorted().toList(), inOrder, "train is not shuffled");
        String card = Files.readString(reference.resolve("README.md"));
        assertTrue(card.contains("official ILSVRC-2012 validation images"), card);
    }

    @Test
    void extractedFoldersGiveTheSameValidationShardsAndAFractionIsClassBalanced() throws IOException {
        Ilsvrc2012ReleaseGenerator.Release folders = Ilsvrc2012Runs.generator().generate(new Ilsvrc2012ReleaseGenerator.Spec(
                Ilsvrc2012Runs.PER_SYNSET, Ilsvrc2012Runs.VAL_IMAGES, 5, Ilsvrc2012ReleaseGenerator.Layout.FOLDERS),
                dir.resolve("folders"));
        Path out = dir.resolve("out-fraction");
        Ilsvrc2012Runs.Run run = Ilsvrc2012Runs.run(Ilsvrc2012Runs.args(folders.train().toString(),
                folders.validation().toString(), folders.devkit().toString(), out.toString(), "--subset-fraction", "0.5"));
        assertEquals(0, run.status(), run.err());

        DatasetInfo info = DatasetInfo.parse(Files.readAllBytes(out.resolve("_info.json")));
        assertEquals("imagenet1k_50pct", info.name());
        for (String shard : info.split("validation").filenames()) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(shard.replace("imagenet1k_50pct", "imagenet1k"))),
                    Files.readAllBytes(out.resolve(shard)), shard + " differs from the tar layout's");
        }
        long whole = 1000L * Ilsvrc2012Runs.PER_SYNSET + 2;
        List<Ilsvrc2012Runs.Sample> train = Ilsvrc2012Runs.samples(out, "train");
        assertEquals(Math.round(0.5 * whole), train.size());
        assertEquals(Math.round(1024.0 * train.size() / whole), info.split("train").filenames().size(),
                "train shards do not scale with the subset");
        Map<Integer, Integer> perClass = new TreeMap<>();
        train.forEach(s -> perClass.merge(s.cls(), 1, Integer::sum));
        int min = perClass.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        int max = perClass.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(max - min <= 1 && perClass.size() == 1000, "per-class counts " + min + ".." + max + " over "
                + perClass.size() + " classes");
    }

    @Test
    void anImageFolderTreeHoldsTheSameImagesUnderTrainAndValAndVerifyChecksIt() throws IOException {
        Ilsvrc2012ReleaseGenerator.Release r = Ilsvrc2012Runs.release();
        Path out = dir.resolve("out-folder");
        List<String> args = Ilsvrc2012Runs.args(r.train().toString(), r.validation().toString(), r.devkit().toString(),
                out.toString(), "--format", "imagefolder", "--train-shards", "8", "--val-shards", "4");
        Ilsvrc2012Runs.Run run = Ilsvrc2012Runs.run(args);
        assertEquals(0, run.status(), run.err());

        // every image is the bytes the WebDataset build wrote for the same sample, at <split>/<wnid>/<file>
        Map<String, byte[]> images = Ilsvrc2012Runs.images(reference);
        int files = 0;
        for (String split : List.of("train", "validation")) {
            for (Ilsvrc2012Runs.Sample s : Ilsvrc2012Runs.samples(reference, split)) {
                Path file = out.resolve(split.equals("train") ? "train" : "val").resolve(s.json().get("class_name").asText())
                        .resolve(s.json().get("filename").asText());
                assertArrayEquals(images.get(s.key()), Files.readAllBytes(file), file.toString());
                files++;
            }
        }
        try (var walk = Files.walk(out.resolve("train"))) {
            long onDisk = walk.filter(Files::isRegularFile).count();
            try (var val = Files.walk(out.resolve("val"))) {
                assertEquals(files, onDisk + val.filter(Files::isRegularFile).count(), "files beyond the samples");
            }
        }
        assertEquals(Files.readAllLines(reference.resolve("classes.txt")), Files.readAllLines(out.resolve("classes.txt")));

        Path gone = out.resolve("val").resolve(devkit.classes().get(devkit.validationLabel(7)))
                .resolve(Ilsvrc2012Devkit.validationFileName(7));
        Files.delete(gone);
        List<String> verify = new ArrayList<>(args);
        verify.set(0, "verify");
        run = Ilsvrc2012Runs.run(verify);
        assertEquals(1, run.status(), "verify passed a tree missing " + gone);
    }

    @Test
    void theOnePercentSubsetHoldsExactlySimclrsFiles() throws IOException {
        List<String> listed = Ilsvrc2012Subsets.Shipped.of("1pct").files();
        Ilsvrc2012ReleaseGenerator.Release r = Ilsvrc2012Runs.generator().generate(new Ilsvrc2012ReleaseGenerator.Spec(
                1, 50, 7, Ilsvrc2012ReleaseGenerator.Layout.TARS, listed), dir.resolve("with-1pct"));
        Path out = dir.resolve("out-1pct");
        Ilsvrc2012Runs.Run run = Ilsvrc2012Runs.run(Ilsvrc2012Runs.args(r.train().toString(), r.validation().toString(),
                r.devkit().toString(), out.toString(), "--subset", "1pct", "--val-shards", "1"));
        assertEquals(0, run.status(), run.err());

        Set<String> expected = new HashSet<>();
        listed.forEach(f -> expected.add(f.substring(0, f.lastIndexOf('.'))));
        List<Ilsvrc2012Runs.Sample> train = Ilsvrc2012Runs.samples(out, "train");
        Set<String> keys = new HashSet<>();
        train.forEach(s -> keys.add(s.key()));
        assertEquals(12_811, train.size());
        assertEquals(expected, keys);
        DatasetInfo info = DatasetInfo.parse(Files.readAllBytes(out.resolve("_info.json")));
        assertEquals("imagenet1k_1pct-train-0000.tar", info.split("train").filenames().get(0));
        assertEquals(50, info.split("validation").numSamples());
    }

    @Test
    void decontaminatingAgainstTheGivenValidationSetKeepsItWhole() throws IOException {
        Ilsvrc2012ReleaseGenerator.Release r = Ilsvrc2012Runs.release();
        Ilsvrc2012Runs.Run notATar = Ilsvrc2012Runs.run(Ilsvrc2012Runs.args(r.train().toString(), r.validation().toString(),
                r.devkit().toString(), dir.resolve("out-not-a-tar").toString(), "--decontaminate", r.devkit().toString()));
        assertEquals(1, notATar.status());
        assertTrue(notATar.err().contains("--decontaminate " + r.devkit() + " is a file but not a .tar"), notATar.err());

        Path out = dir.resolve("out-decontaminated");
        Ilsvrc2012Runs.Run run = Ilsvrc2012Runs.run(Ilsvrc2012Runs.args(r.train().toString(), r.validation().toString(),
                r.devkit().toString(), out.toString(), "--decontaminate", r.validation().toString(),
                "--train-shards", "2", "--val-shards", "2"));
        assertEquals(0, run.status(), run.err());
        DatasetInfo info = DatasetInfo.parse(Files.readAllBytes(out.resolve("_info.json")));
        assertEquals(Ilsvrc2012Runs.VAL_IMAGES, info.split("validation").numSamples(), "the given validation set is never dropped");
        BuildStats stats = BuildStats.parse(Files.readAllBytes(out.resolve("_meta/stats.json")));
        assertTrue(stats.identityHolds());
        assertEquals(Map.of(r.validation().getFileName().toString(), (long) Ilsvrc2012Runs.VAL_IMAGES),
                stats.decontamination().imagesBySet(), "every validation image read as an evaluation image");
        long dropped = stats.rejectedByReason().getOrDefault("near_evaluation_image", 0L);
        assertEquals(stats.decontamination().dropped(), dropped);
        assertEquals(1000L * Ilsvrc2012Runs.PER_SYNSET + 2 - dropped, info.split("train").numSamples());
    }

    @Test
    void aListNamingAFileTheInputLacksFailsNamingIt() throws IOException {
        Ilsvrc2012ReleaseGenerator.Release r = Ilsvrc2012Runs.release();
        Path list = Files.writeString(dir.resolve("mine.txt"), "n01440764_1.JPEG\nn01440764_77.JPEG\n");
        Ilsvrc2012Runs.Run run = Ilsvrc2012Runs.run(Ilsvrc2012Runs.args(r.train().toString(), r.validation().toString(),
                r.devkit().toString(), dir.resolve("out-mine").toString(), "--subset", list.toString(),
                "--train-shards", "2", "--val-shards", "2"));
        assertEquals(1, run.status());
        assertTrue(run.err().contains("names 1 files the train input does not hold (n01440764_77.JPEG)"), run.err());
    }

    @Test
    void aBadDevkitStopsTheRunBeforeAnyImageIsRead() throws IOException {
        Ilsvrc2012ReleaseGenerator.Release r = Ilsvrc2012Runs.release();
        Path shortTruth = dir.resolve("short-devkit/data");
        Files.createDirectories(shortTruth);
        Files.copy(Ilsvrc2012Runs.DATA.resolve("meta.mat"), shortTruth.resolve("meta.mat"));
        List<String> lines = Files.readAllLines(Ilsvrc2012Runs.DATA.resolve("ILSVRC2012_validation_ground_truth.txt"))
                .subList(0, Ilsvrc2012Runs.VAL_IMAGES - 1);
        Files.writeString(shortTruth.resolve("ILSVRC2012_validation_ground_truth.txt"), String.join("\n", lines) + "\n");
        Path garbled = dir.resolve("garbled-devkit/data");
        Files.createDirectories(garbled);
        Files.write(garbled.resolve("meta.mat"), "MATLAB 5.0 MAT-file, but not really".getBytes(StandardCharsets.US_ASCII));
        Files.copy(shortTruth.resolve("ILSVRC2012_validation_ground_truth.txt"),
                garbled.resolve("ILSVRC2012_validation_ground_truth.txt"));

        Map<String, String> expected = new TreeMap<>();
        expected.put(dir.resolve("no-such-devkit.tar.gz").toString(), "does not exist");
        expected.put(dir.resolve("short-devkit").toString(), "has " + (Ilsvrc2012Runs.VAL_IMAGES - 1)
                + " lines but validation input");
        expected.put(dir.resolve("garbled-devkit").toString(), "is not a devkit meta.mat");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path out = dir.resolve("out-bad-" + failures.size());
            Ilsvrc2012Runs.Run run = Ilsvrc2012Runs.run(Ilsvrc2012Runs.args(r.train().toString(), r.validation().toString(),
                    e.getKey(), out.toString()));
            assertEquals(1, run.status(), e.getKey());
            assertTrue(run.err().contains(e.getValue()), run.err());
            assertEquals(1, run.err().strip().lines().filter(l -> l.startsWith("imagenet-wds: ") && !l.contains("Spark settings")
                    && !l.contains("properties file")).count(), run.err());
            assertFalse(Files.exists(out.resolve("_work/inventory")), "images were read before the devkit was checked");
            failures.add(run.err());
        }
    }
}
