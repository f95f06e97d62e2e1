package org.imagenetwds.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.recipe.OutputFormat;
import org.imagenetwds.testing.TestImages;
import org.imagenetwds.testing.TestImages.Entry;
import org.junit.jupiter.api.Test;

class TarInventoryScannerTest {

    private static Map<String, InventoryEntry> scan(byte[] tar) throws IOException {
        Map<String, InventoryEntry> byMember = new LinkedHashMap<>();
        for (InventoryEntry e : TarInventoryScanner.scan(new ByteArrayInputStream(tar), "n01440764", "s3a://b/n01440764.tar",
                0, tar.length, ImageRules.defaults(), OutputFormat.WEBDATASET)) {
            byMember.put(e.member(), e);
        }
        return byMember;
    }

    @Test
    void everyMemberGetsARowWithItsReason() throws IOException {
        byte[] good = TestImages.jpeg(120, 100);
        byte[] tar = TestImages.tar(List.of(
                Entry.file("n01440764_1.JPEG", good),
                Entry.file("n01440764_2.JPEG", TestImages.jpeg(40, 100)),
                Entry.file("n01440764_3.JPEG", TestImages.ascii("<html>not found</html>")),
                Entry.file("n01440764_4.JPEG", Arrays.copyOf(good, good.length / 2)),
                Entry.file("/abs/n01440764_5.JPEG", good),
                Entry.file("../n01440764_6.JPEG", good),
                Entry.of("n01440764_7.JPEG", TarArchiveEntry.LF_SYMLINK, "n01440764_1.JPEG"),
                Entry.of("n01440764_8.JPEG", TarArchiveEntry.LF_LINK, "n01440764_1.JPEG"),
                Entry.of("somedir/", TarArchiveEntry.LF_DIR, null),
                Entry.of("n01440764_9.JPEG", TarArchiveEntry.LF_CHR, null),
                Entry.file("n01440764_1.JPEG", good),
                Entry.file("n01440764_x y.z.JPEG", good),
                Entry.file("n01440764_10.JPEG", new byte[0])));
        Map<String, InventoryEntry> rows = scan(tar);
        assertEquals(12, rows.size()); // the duplicate member name maps to the same key in this map
        InventoryEntry ok = rows.get("n01440764_1.JPEG");
        assertEquals("duplicate_key", ok.reason()); // the later row of the same name replaced it here
        assertEquals("too_small", rows.get("n01440764_2.JPEG").reason());
        assertEquals("not_an_image", rows.get("n01440764_3.JPEG").reason());
        assertNull(rows.get("n01440764_4.JPEG").reason()); // cut short in its scan: libjpeg warns, it is repaired
        assertEquals("truncated_scan", rows.get("n01440764_4.JPEG").repair());
        assertEquals("unsafe_name", rows.get("/abs/n01440764_5.JPEG").reason());
        assertEquals("unsafe_name", rows.get("../n01440764_6.JPEG").reason());
        assertEquals("not_a_regular_file", rows.get("n01440764_7.JPEG").reason());
        assertEquals("not_a_regular_file", rows.get("n01440764_8.JPEG").reason());
        assertEquals("not_a_regular_file", rows.get("somedir/").reason());
        assertEquals("not_a_regular_file", rows.get("n01440764_9.JPEG").reason());
        InventoryEntry odd = rows.get("n01440764_x y.z.JPEG");
        assertNull(odd.reason());
        assertTrue(odd.key().matches("n01440764_x_y_z_[0-9a-f]{8}"), odd.key());
        assertEquals("truncated", rows.get("n01440764_10.JPEG").reason());
    }

    @Test
    void aStorageFailureFailsTheScanInsteadOfBecomingDamage() {
        byte[] good = TestImages.jpeg(120, 100);
        byte[] tar = TestImages.tar(List.of(Entry.file("n01440764_1.JPEG", good), Entry.file("n01440764_2.JPEG", good)));
        java.io.InputStream failing = new java.io.FilterInputStream(new ByteArrayInputStream(tar)) {
            private int served;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (served > 3000) {
                    throw new IOException("connection reset by peer");
                }
                int n = super.read(b, off, Math.min(len, 512));
                served += Math.max(n, 0);
                return n;
            }
        };
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> TarInventoryScanner.scan(
                failing, "n01440764", "s3a://b/n01440764.tar", 0, tar.length, ImageRules.defaults(), OutputFormat.WEBDATASET));
        assertEquals("connection reset by peer", e.getMessage());
    }

    @Test
    void namesThatAreNotUtf8OrHoldControlCharactersAreUnsafe() throws IOException {
        byte[] good = TestImages.jpeg(120, 100);
        byte[] tar = TestImages.tar(List.of(Entry.file("n01440764_caf\u00e9.JPEG", good),
                Entry.file("n01440764_bell\u0007.JPEG", good), Entry.file("n01440764_ok.JPEG", good)), "ISO-8859-1");
        List<InventoryEntry> rows = TarInventoryScanner.scan(new java.io.ByteArrayInputStream(tar), "n01440764", "t.tar", 0,
                tar.length, ImageRules.defaults(), OutputFormat.WEBDATASET);
        assertEquals(List.of("unsafe_name", "unsafe_name"), rows.subList(0, 2).stream().map(InventoryEntry::reason).toList());
        assertEquals("name is not valid UTF-8", rows.get(0).detail());
        assertEquals("control character in name", rows.get(1).detail());
        assertNull(rows.get(2).reason());
    }

    @Test
    void usableRowsPointAtTheImageBytes() throws IOException {
        byte[] good = TestImages.jpeg(120, 100);
        byte[] tar = TestImages.tar(List.of(Entry.file("n01440764_1.JPEG", TestImages.jpeg(64, 64)),
                Entry.file("n01440764_2.JPEG", good)));
        InventoryEntry e = scan(tar).get("n01440764_2.JPEG");
        assertNull(e.reason());
        assertEquals("jpeg", e.format());
        assertEquals(120, e.width());
        assertEquals(100, e.height());
        assertEquals("s3a://b/n01440764.tar", e.source());
        byte[] back = Arrays.copyOfRange(tar, (int) e.offset(), (int) (e.offset() + e.length()));
        assertEquals(Arrays.toString(good), Arrays.toString(back));
    }

    @Test
    void aTarDamagedInTheMiddleKeepsItsReadableMembersAndAddsOneDamageRow() throws IOException {
        byte[] good = TestImages.jpeg(120, 100);
        byte[] tar = TestImages.tar(List.of(Entry.file("n01440764_1.JPEG", good), Entry.file("n01440764_2.JPEG", good),
                Entry.file("n01440764_3.JPEG", good)));
        int second = 512 + ((good.length + 511) / 512) * 512;
        Arrays.fill(tar, second, second + 100, (byte) 'Z');
        List<InventoryEntry> rows = TarInventoryScanner.scan(new ByteArrayInputStream(tar), "n01440764", "t.tar", 0,
                tar.length, ImageRules.defaults(), OutputFormat.WEBDATASET);
        assertEquals(2, rows.size(), rows.toString());
        assertNull(rows.get(0).reason());
        assertEquals("damaged_source", rows.get(1).reason());
        assertEquals(second, rows.get(1).offset());
    }

    @Test
    void anImageFolderBuildRejectsAMemberWhoseFileNameCannotExistAndKeepsOneAtTheLimit() throws IOException {
        byte[] good = TestImages.jpeg(120, 100);
        String atLimit = "n01440764_" + "y".repeat(255 - "n01440764_.JPEG".length()) + ".JPEG"; // 255 bytes
        String overLimit = "n01440764_" + "\u0101".repeat(123) + ".JPEG"; // 138 characters, 261 bytes of UTF-8
        byte[] tar = TestImages.tar(List.of(Entry.file(atLimit, good), Entry.file(overLimit, good)));
        for (OutputFormat format : OutputFormat.values()) {
            List<InventoryEntry> rows = TarInventoryScanner.scan(new ByteArrayInputStream(tar), "n01440764", "t.tar", 0,
                    tar.length, ImageRules.defaults(), format);
            assertNull(rows.get(0).reason(), format + ": " + rows.get(0));
            if (format == OutputFormat.WEBDATASET) { // a tar holds any name (PAX), and the key is what shards name
                assertNull(rows.get(1).reason(), rows.get(1).toString());
            } else {
                assertEquals("name_too_long", rows.get(1).reason());
                assertEquals("n01440764", rows.get(1).synset());
                assertEquals("its file name would be 261 bytes, above the 255-byte limit of file systems", rows.get(1).detail());
            }
        }
    }

    /** count's rows carry each usable member's fingerprint: the JPEG's from the check's pass, the PNG's from its pixels. */
    @Test
    void usableRowsCarryTheFingerprintRejectedOnesNone() throws IOException {
        java.awt.image.BufferedImage picture = org.imagenetwds.sample.SyntheticImages.render(160, 120, false, 24);
        byte[] jpeg = TestImages.jpeg(picture);
        byte[] tar = TestImages.tar(List.of(
                Entry.file("n01440764_1.JPEG", jpeg),
                Entry.file("n01440764_2.JPEG", org.imagenetwds.sample.SyntheticImages.withExif(jpeg)),
                Entry.file("n01440764_3.JPEG", TestImages.encode(picture, "png")),
                Entry.file("n01440764_4.JPEG", Arrays.copyOf(jpeg, 100)))); // ends in a header: a reject
        Map<String, InventoryEntry> rows = scan(tar);
        org.imagenetwds.image.ImageFingerprint plain = rows.get("n01440764_1.JPEG").fingerprint();
        org.imagenetwds.image.ImageFingerprint exif = rows.get("n01440764_2.JPEG").fingerprint();
        org.imagenetwds.image.ImageFingerprint png = rows.get("n01440764_3.JPEG").fingerprint();
        assertEquals(plain, exif); // Exif added: the same content
        assertTrue(plain.isNear(png) && !plain.isExact(png), plain.distance(png) + " bits apart");
        assertEquals("truncated", rows.get("n01440764_4.JPEG").reason());
        assertNull(rows.get("n01440764_4.JPEG").fingerprint());
    }
}
