package org.imagenetwds.spark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.imagenetwds.duplicates.EvaluationIndex;
import org.imagenetwds.duplicates.EvaluationSet;
import org.imagenetwds.image.ImageFingerprint;
import org.imagenetwds.sample.ReleaseMember;
import org.imagenetwds.sample.ReleaseTar;
import org.imagenetwds.sample.SyntheticImages;
import org.imagenetwds.spark.PipelineFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation sets read by count's readers with a real local Spark: a tar and a folder of class folders, and bad sets. */
class EvaluationImagesTest {

    private static SparkSession spark;
    private static JavaSparkContext jsc;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static byte[] image(long seed) throws IOException {
        return SyntheticImages.jpeg(SyntheticImages.render(160, 120, false, seed), 90);
    }

    @Test
    void aFoldersFingerprintChangesWithAnImageInsideAClassFolder() throws IOException {
        Path v2 = Files.createDirectories(dir.resolve("fp/imagenetv2"));
        Files.createDirectories(v2.resolve("0"));
        Files.write(v2.resolve("0/a.jpeg"), image(1));
        Files.write(v2.resolve("0/b.jpeg"), image(2));
        EvaluationSet set = EvaluationSet.parseList(v2.toUri().toString()).get(0);
        Configuration conf = new Configuration();
        String before = EvaluationImages.fingerprint(set, conf);
        assertEquals(before, EvaluationImages.fingerprint(set, conf), "the same files: the same fingerprint");
        // replaced inside the class folder by a larger image (the fingerprint sees paths and sizes): the top level is unchanged
        Files.write(v2.resolve("0/b.jpeg"), SyntheticImages.jpeg(SyntheticImages.render(320, 240, false, 3), 90));
        String replaced = EvaluationImages.fingerprint(set, conf);
        assertNotEquals(before, replaced);
        Files.write(v2.resolve("0/c.jpeg"), image(4));
        assertNotEquals(replaced, EvaluationImages.fingerprint(set, conf), "an image added inside a class folder");
    }

    @Test
    void everyImageOfATarAndOfAFoldersClassFoldersIsIndexedUnderItsPathInTheSet() throws IOException {
        List<ReleaseMember> members = new ArrayList<>();
        for (int i = 0; i < SourceUnit.IMAGES_PER_RUN + 3; i++) { // two tasks' runs of the tar
            members.add(ReleaseMember.file("val/ILSVRC2012_val_" + i + ".JPEG", image(i)));
        }
        members.add(ReleaseMember.file("val/README.txt", "not an image".getBytes(StandardCharsets.UTF_8)));
        Path tar = Files.write(dir.resolve("val.tar"), ReleaseTar.bytes(members));
        Path folder = dir.resolve("v2");
        for (int c = 0; c < 3; c++) {
            Files.createDirectories(folder.resolve(Integer.toString(c)));
            Files.write(folder.resolve(c + "/same-name.jpeg"), image(10_000 + c)); // one file name in each class folder
        }
        List<EvaluationSet> sets = EvaluationSet.parseList(tar.toUri() + "," + folder.toUri());
        EvaluationImages.Read read = EvaluationImages.read(jsc, sets, new Configuration());

        assertEquals(Map.of("val.tar", (long) SourceUnit.IMAGES_PER_RUN + 3, "v2", 3L), read.imagesBySet());
        EvaluationIndex.Match last = read.index().nearest(ImageFingerprint.of(image(SourceUnit.IMAGES_PER_RUN + 2)));
        assertEquals(new EvaluationIndex.Match("val.tar", "val/ILSVRC2012_val_" + (SourceUnit.IMAGES_PER_RUN + 2)
                + ".JPEG", 0), last);
        assertEquals(new EvaluationIndex.Match("v2", "2/same-name.jpeg", 0), read.index().nearest(ImageFingerprint.of(image(10_002))));
        assertNotNull(read.index().nearest(ImageFingerprint.of(image(0))));
        assertNull(read.index().nearest(ImageFingerprint.of(image(99_999))), "an image in neither set");
    }

    @Test
    void aMissingSetAFileThatIsNotATarAndASetWithoutAnImageFailNamingTheSet() throws IOException {
        Configuration conf = new Configuration();
        Path missing = dir.resolve("missing.tar");
        assertEquals("--decontaminate " + missing + " does not exist: check the path and its scheme (s3a://, hdfs://)", assertThrows(PipelineFailure.class,
                () -> EvaluationImages.check(EvaluationSet.parseList(missing.toString()), conf)).getMessage());
        Path gz = Files.write(dir.resolve("val.tar.gz"), new byte[] {0x1f, (byte) 0x8b});
        assertEquals("--decontaminate " + gz + " is a file but not a .tar: give a tar (decompress a .tar.gz once) or a folder"
                + " of images", assertThrows(PipelineFailure.class,
                () -> EvaluationImages.check(EvaluationSet.parseList(gz.toString()), conf)).getMessage());
        Path junk = Files.write(dir.resolve("junk.tar"), "this is not a tar at all".repeat(100).getBytes(StandardCharsets.UTF_8));
        assertEquals(true, assertThrows(PipelineFailure.class, () -> EvaluationImages.read(jsc,
                EvaluationSet.parseList(junk.toString()), conf)).getMessage().startsWith("--decontaminate " + junk + " "));
        Path texts = Files.write(dir.resolve("texts.tar"), ReleaseTar.bytes(List.of(
                ReleaseMember.file("a.JPEG", "text".getBytes(StandardCharsets.UTF_8)))));
        assertEquals("--decontaminate " + texts + " holds no image this tool can decode: give the tar or folder of the"
                + " evaluation set's images", assertThrows(PipelineFailure.class,
                () -> EvaluationImages.read(jsc, EvaluationSet.parseList(texts.toString()), conf)).getMessage());
    }
}
