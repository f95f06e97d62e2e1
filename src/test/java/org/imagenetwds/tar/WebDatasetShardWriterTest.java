package org.imagenetwds.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.imagenetwds.testing.TestImages;
import org.junit.jupiter.api.Test;

class WebDatasetShardWriterTest {

    private static byte[] shard(List<WebDatasetShardWriter.SampleOffsets> offsets) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WebDatasetShardWriter w = new WebDatasetShardWriter(out)) {
            offsets.add(w.write("n01440764_10026", 0, TestImages.jpeg(40, 30), TestImages.ascii("{\"label\":0}")));
            offsets.add(w.write("n01443537_" + "k".repeat(110), 11820, TestImages.jpeg(30, 40), TestImages.ascii("{}")));
        }
        return out.toByteArray();
    }

    @Test
    void sameSamplesGiveTheSameBytes() throws IOException {
        assertArrayEquals(shard(new ArrayList<>()), shard(new ArrayList<>()));
    }

    @Test
    void membersAreReadOnlyRootOwnedWithFixedMtimeInSampleOrder() throws IOException {
        List<WebDatasetShardWriter.SampleOffsets> offsets = new ArrayList<>();
        byte[] tar = shard(offsets);
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
                assertEquals(0444, e.getMode() & 07777, e.getName());
                assertEquals(0, e.getLongUserId());
                assertEquals(0, e.getLongGroupId());
                assertEquals("", e.getUserName());
                assertEquals(0L, e.getModTime().getTime());
                assertEquals(true, e.isFile());
            }
        }
        String longKey = "n01443537_" + "k".repeat(110);
        assertEquals(List.of("n01440764_10026.cls", "n01440764_10026.jpg", "n01440764_10026.json",
                longKey + ".cls", longKey + ".jpg", longKey + ".json"), names);
        WebDatasetShardWriter.SampleOffsets second = offsets.get(1);
        assertEquals("11820", new String(Arrays.copyOfRange(tar, (int) second.clsOffset(),
                (int) (second.clsOffset() + second.clsLength()))));
        assertEquals(0xFF, tar[(int) second.jpgOffset()] & 0xff);
        assertEquals(0, tar.length % 512);
    }

    @Test
    void keysWithDotsOrSlashesAreRefused() {
        WebDatasetShardWriter w = new WebDatasetShardWriter(new ByteArrayOutputStream());
        assertThrows(IllegalArgumentException.class, () -> w.write("a.b", 0, new byte[1], new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> w.write("a/b", 0, new byte[1], new byte[1]));
    }
}
