package org.imagenetwds.spark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.hadoop.conf.Configuration;
import org.imagenetwds.dataset.InputLayout;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.recipe.OutputFormat;
import org.imagenetwds.inventory.InventoryEntry;
import org.imagenetwds.inventory.TarInventoryScanner;
import org.imagenetwds.sample.ReleaseMember;
import org.imagenetwds.sample.ReleaseTar;
import org.imagenetwds.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extracted-tree layout on a real local folder: links reported and never followed, subfolders read as a tar reads them. */
class FolderInputTest {

    private static final String SYNSET = "n09000002";

    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    @Test
    void aSynsetFolderGivesTheRowsOfItsTarAndNeverFollowsALink() throws IOException {
        byte[] a = TestImages.jpeg(120, 90);
        byte[] b = TestImages.jpeg(100, 140);
        byte[] c = TestImages.jpeg(90, 90);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.write(outside.resolve("n01440764_tench.JPEG"), TestImages.jpeg(200, 150));
        Path synset = Files.createDirectories(dir.resolve("in").resolve(SYNSET));
        Files.write(synset.resolve(SYNSET + "_1.JPEG"), a);
        Files.createDirectories(synset.resolve("somedir/deeper"));
        Files.write(synset.resolve("somedir/" + SYNSET + "_indir.JPEG"), b);
        Files.write(synset.resolve("somedir/deeper/" + SYNSET + "_deep.JPEG"), c);
        Files.write(synset.resolve("somedir/" + SYNSET + "_1.JPEG"), c); // the key of a member above: a duplicate
        Files.createSymbolicLink(synset.resolve(SYNSET + "_outside.JPEG"), outside.resolve("n01440764_tench.JPEG"));
        Files.createSymbolicLink(synset.resolve("linkdir"), outside);
        Files.createSymbolicLink(synset.resolve(SYNSET + "_dangling.JPEG"), dir.resolve("nothing-here"));

        List<InventoryEntry> fromFolder = UnitScanner.scan(SourceUnit.ofSynset(SYNSET, SourceUnit.Kind.FOLDER,
                synset.toUri().toString(), 0, 0), conf, ImageRules.defaults(), OutputFormat.WEBDATASET);

        // the tar of that folder as GNU tar --sort=name writes it: each folder by name, links as links
        byte[] tar = ReleaseTar.bytes(List.of(
                ReleaseMember.symlink("linkdir", outside.toString()),
                ReleaseMember.file(SYNSET + "_1.JPEG", a),
                ReleaseMember.symlink(SYNSET + "_dangling.JPEG", dir.resolve("nothing-here").toString()),
                ReleaseMember.symlink(SYNSET + "_outside.JPEG", outside.resolve("n01440764_tench.JPEG").toString()),
                new ReleaseMember("somedir/", new byte[0], TarArchiveEntry.LF_DIR, null),
                new ReleaseMember("somedir/deeper/", new byte[0], TarArchiveEntry.LF_DIR, null),
                ReleaseMember.file("somedir/deeper/" + SYNSET + "_deep.JPEG", c),
                ReleaseMember.file("somedir/" + SYNSET + "_1.JPEG", c),
                ReleaseMember.file("somedir/" + SYNSET + "_indir.JPEG", b)));
        List<InventoryEntry> fromTar = TarInventoryScanner.scan(new ByteArrayInputStream(tar), SYNSET, "n09000002.tar", 0,
                tar.length, ImageRules.defaults(), OutputFormat.WEBDATASET);

        assertEquals(outcomes(fromTar), outcomes(fromFolder));
        assertEquals(List.of(
                "linkdir " + SYNSET + "_linkdir not_a_regular_file symlink entry",
                SYNSET + "_1.JPEG " + SYNSET + "_1 usable",
                SYNSET + "_dangling.JPEG " + SYNSET + "_dangling not_a_regular_file symlink entry",
                SYNSET + "_outside.JPEG " + SYNSET + "_outside not_a_regular_file symlink entry",
                "somedir/ " + SYNSET + "__ not_a_regular_file directory entry",
                "somedir/deeper/ " + SYNSET + "__ not_a_regular_file directory entry",
                "somedir/deeper/" + SYNSET + "_deep.JPEG " + SYNSET + "_deep usable",
                "somedir/" + SYNSET + "_1.JPEG " + SYNSET + "_1 duplicate_key another member of " + SYNSET
                        + " already has key " + SYNSET + "_1",
                "somedir/" + SYNSET + "_indir.JPEG " + SYNSET + "_indir usable"),
                fromFolder.stream().map(e -> e.member() + " " + e.key() + " " + (e.usable() ? "usable" : e.reason() + " "
                        + e.detail())).toList());
        // the image is read from where it lies, never through a link
        assertTrue(fromFolder.stream().noneMatch(e -> e.source().contains("/outside")), fromFolder.toString());
        assertTrue(fromFolder.stream().filter(InventoryEntry::usable).allMatch(e -> e.source().endsWith("/" + e.member())));
    }

    /** What a row says about its member, apart from where its bytes lie (a file, or a range of the tar). */
    private static List<String> outcomes(List<InventoryEntry> rows) {
        return rows.stream().map(e -> String.join("|", e.synset(), e.key(), e.member(), "" + e.length(), e.format(),
                e.width() + "x" + e.height(), "" + e.reason(), "" + e.detail())).toList();
    }

    @Test
    void aFolderOfSynsetTarsNamesWhatItLeavesOutInOneLine() throws IOException {
        Path in = Files.createDirectories(dir.resolve("tars"));
        for (String name : List.of("n09000006.tar", "n0900003.tar", "N09000007.tar", "n09000003 (1).tar", "README.txt")) {
            Files.write(in.resolve(name), new byte[1024]);
        }
        Files.createDirectories(in.resolve("notasynset"));
        // a link at the top is how inputs are often put together: followed; a dangling one is named
        Files.createSymbolicLink(in.resolve("n09000008.tar"), in.resolve("n09000006.tar"));
        Files.createSymbolicLink(in.resolve("n09000009.tar"), dir.resolve("no-such.tar"));

        InputLocator.InputPlan plan = InputLocator.locate(in.toString(), conf);

        assertEquals(InputLayout.SYNSET_TARS, plan.layout());
        assertEquals(List.of("n09000006", "n09000008"), plan.units().stream().map(SourceUnit::name).toList());
        assertEquals(1024, plan.units().get(1).length());
        assertEquals(List.of("N09000007.tar", "README.txt", "n09000003 (1).tar", "n09000009.tar (symlink)", "n0900003.tar",
                "notasynset/"), plan.ignored());
        assertEquals(Optional.of("ignoring 6 input entries that are not synset tars (nXXXXXXXX.tar): N09000007.tar,"
                + " README.txt, n09000003 (1).tar, ..."), plan.ignoredLine());
    }

    @Test
    void aFolderTreeNamesWhatItLeavesOutAndFollowsASynsetFolderLinkedAtTheTop() throws IOException {
        Path in = Files.createDirectories(dir.resolve("tree"));
        Path real = Files.createDirectories(in.resolve("n09000001"));
        Files.write(real.resolve("n09000001_1.JPEG"), TestImages.jpeg(100, 100));
        Files.createDirectories(in.resolve("notasynset"));
        Files.write(in.resolve("n09000001_loose.JPEG"), TestImages.jpeg(100, 100));
        Files.createSymbolicLink(in.resolve("n09000008"), real);
        Files.createSymbolicLink(in.resolve("n09000009"), dir.resolve("no-such-folder"));

        InputLocator.InputPlan plan = InputLocator.locate(in.toString(), conf);

        assertEquals(InputLayout.FOLDERS, plan.layout());
        assertEquals(List.of("n09000001", "n09000008"), plan.units().stream().map(SourceUnit::name).toList());
        assertEquals(Optional.of("ignoring 3 input entries that are not synset folders (nXXXXXXXX/): "
                + "n09000001_loose.JPEG, n09000009 (symlink), notasynset/"), plan.ignoredLine());
    }

    @Test
    void anOuterTarKeepsItsLineNamingMembersThatAreNotSynsetTars() throws IOException {
        byte[] inner = ReleaseTar.bytes(List.of(ReleaseMember.file("n09000001_1.JPEG", TestImages.jpeg(100, 100))));
        Path outer = dir.resolve("fall11_whole.tar");
        Files.write(outer, ReleaseTar.bytes(List.of(ReleaseMember.file("README.txt", new byte[10]),
                ReleaseMember.file("n09000001.tar", inner), ReleaseMember.symlink("n09000002.tar", "n09000001.tar"))));

        InputLocator.InputPlan plan = InputLocator.locate(outer.toString(), conf);

        assertEquals(Optional.of("ignoring 2 outer-tar members that are not synset tars: README.txt,"
                + " n09000002.tar (symlink)"), plan.ignoredLine());
    }
}
