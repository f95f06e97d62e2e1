package org.imagenetwds.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.imagenetwds.testing.TestImages;
import org.imagenetwds.testing.TestImages.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarStreamReaderTest {

    private static List<TarMember> members(byte[] tar, long base) throws IOException {
        List<TarMember> out = new ArrayList<>();
        try (TarStreamReader r = new TarStreamReader(new ByteArrayInputStream(tar), base, tar.length, "t.tar")) {
            r.forEach((m, data) -> out.add(m));
        }
        return out;
    }

    /** {@code tar -C dir -cf x.tar .}: the root entry is no member, and members lose the {@code ./}. */
    @Test
    void aTarOfDotNamesItsMembersAsATarOfTheFilesDoes() throws IOException {
        byte[] tar = TestImages.tar(List.of(Entry.of("./", TarArchiveEntry.LF_DIR, null),
                Entry.file("./n01440764_1.JPEG", new byte[] {1}), Entry.of("./sub/", TarArchiveEntry.LF_DIR, null),
                Entry.file("./sub/n01440764_2.JPEG", new byte[] {2})));
        List<String> names = new ArrayList<>();
        try (TarStreamReader r = new TarStreamReader(new ByteArrayInputStream(tar), 0, tar.length, "t.tar")) {
            r.forEach((m, data) -> names.add(m.name() + " " + m.kind() + " " + data.readAllBytes().length));
        }
        assertEquals(List.of("n01440764_1.JPEG REGULAR_FILE 1", "sub/ DIRECTORY 0", "sub/n01440764_2.JPEG REGULAR_FILE 1"),
                names);
    }

    /** Each writer's way to store a non-ASCII name comes back as the name that was written. */
    @Test
    void nonAsciiNamesReadBackFromUstarGnuAndPaxHeaders() throws IOException {
        String cafe = "n01440764_caf\u00e9.JPEG";
        String longCafe = "n01440764_" + "\u00e9".repeat(60) + "_" + "x".repeat(40) + ".JPEG"; // over 100 bytes
        for (int mode : new int[] {-1, org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_GNU,
                org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_POSIX}) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(bytes, "UTF-8")) {
                if (mode < 0) {
                    out.setAddPaxHeadersForNonAsciiNames(true); // as Python's tarfile and GNU tar --format=posix do
                    out.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_POSIX);
                } else {
                    out.setLongFileMode(mode); // the names' UTF-8 bytes in the header or in a GNU long-name entry
                }
                for (String name : List.of(cafe, longCafe)) {
                    TarArchiveEntry e = new TarArchiveEntry(name);
                    e.setSize(3);
                    out.putArchiveEntry(e);
                    out.write(new byte[] {1, 2, 3});
                    out.closeArchiveEntry();
                }
            }
            List<String> names = new ArrayList<>();
            try (TarStreamReader r = new TarStreamReader(new ByteArrayInputStream(bytes.toByteArray()), 0, bytes.size(), "t.tar")) {
                r.forEach((m, data) -> names.add(m.name()));
            }
            assertEquals(List.of(cafe, longCafe), names, "long-file mode " + mode);
        }
    }

    @Test
    void reportsOffsetsThatReadBackEachMembersBytes() throws IOException {
        byte[] a = TestImages.ascii("alpha");
        byte[] b = new byte[1500];
        Arrays.fill(b, (byte) 7);
        String longName = "n01440764_" + "x".repeat(120) + ".JPEG"; // needs a PAX header
        byte[] tar = TestImages.tar(List.of(Entry.file("a.JPEG", a), Entry.file(longName, b),
                Entry.of("dir/", TarArchiveEntry.LF_DIR, null), Entry.of("link", TarArchiveEntry.LF_SYMLINK, "a.JPEG")));
        List<TarMember> m = members(tar, 0);
        assertEquals(List.of("a.JPEG", longName, "dir/", "link"), m.stream().map(TarMember::name).toList());
        assertArrayEquals(a, Arrays.copyOfRange(tar, (int) m.get(0).dataOffset(), (int) m.get(0).dataOffset() + a.length));
        assertArrayEquals(b, Arrays.copyOfRange(tar, (int) m.get(1).dataOffset(), (int) m.get(1).dataOffset() + b.length));
        assertEquals(TarMember.Kind.DIRECTORY, m.get(2).kind());
        assertEquals(TarMember.Kind.SYMLINK, m.get(3).kind());
    }

    @Test
    void nestedTarIsIndexedBySeekingAndReadAsByteRanges(@TempDir Path dir) throws IOException {
        byte[] img1 = TestImages.jpeg(64, 64);
        byte[] img2 = TestImages.jpeg(80, 50);
        byte[] inner1 = TestImages.tar(List.of(Entry.file("n00000001_1.JPEG", img1)));
        byte[] inner2 = TestImages.tar(List.of(Entry.file("n00000002_1.JPEG", img2), Entry.file("n00000002_2.JPEG", img1)));
        Path outer = dir.resolve("fall11_whole.tar");
        Files.write(outer, TestImages.tar(List.of(Entry.file("n00000001.tar", inner1), Entry.file("n00000002.tar", inner2))));

        List<TarMember> index;
        try (var channel = Files.newByteChannel(outer)) {
            index = OuterTarIndexer.index(channel, outer.toString());
        }
        assertEquals(List.of("n00000001.tar", "n00000002.tar"), index.stream().map(TarMember::name).toList());
        byte[] whole = Files.readAllBytes(outer);
        TarMember second = index.get(1);
        byte[] range = Arrays.copyOfRange(whole, (int) second.dataOffset(), (int) (second.dataOffset() + second.size()));
        List<TarMember> inner = members(range, second.dataOffset());
        assertEquals(2, inner.size());
        // offsets are absolute within the outer tar: reading there gives the image bytes back
        TarMember first = inner.get(0);
        assertArrayEquals(img2, Arrays.copyOfRange(whole, (int) first.dataOffset(), (int) (first.dataOffset() + first.size())));
    }

    @Test
    void damageInTheMiddleKeepsTheMembersBeforeItAndNamesTheOffset() throws IOException {
        byte[] tar = TestImages.tar(List.of(Entry.file("a.JPEG", new byte[600]), Entry.file("b.JPEG", new byte[10]),
                Entry.file("c.JPEG", new byte[10])));
        int secondHeader = 512 + 1024;
        tar[secondHeader + 148] = 'X'; // break the header checksum of b.JPEG
        List<String> seen = new ArrayList<>();
        DamagedTarException e = assertThrows(DamagedTarException.class, () -> {
            try (TarStreamReader r = new TarStreamReader(new ByteArrayInputStream(tar), 0, tar.length, "bad.tar")) {
                r.forEach((m, data) -> seen.add(m.name()));
            }
        });
        assertEquals(List.of("a.JPEG"), seen);
        assertEquals(secondHeader, e.offset());
        assertTrue(e.getMessage().contains("bad.tar"));
    }

    @Test
    void aTarCutShortInsideAMemberIsDamage() {
        byte[] tar = TestImages.tar(List.of(Entry.file("a.JPEG", new byte[5000])));
        byte[] cut = Arrays.copyOf(tar, 2048);
        assertThrows(DamagedTarException.class, () -> {
            try (TarStreamReader r = new TarStreamReader(new ByteArrayInputStream(cut), 0, cut.length, "cut.tar")) {
                r.forEach((m, data) -> data.readAllBytes());
            }
        });
    }
}
