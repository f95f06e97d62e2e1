package org.imagenetwds.spark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangeReaderTest {

    @TempDir
    Path dir;

    private String source(int i) throws IOException {
        byte[] bytes = new byte[4096];
        Arrays.fill(bytes, (byte) i);
        bytes[100] = (byte) (i + 1);
        return Files.write(dir.resolve("n0000000" + i + ".tar"), bytes).toUri().toString();
    }

    @Test
    void readsRangesFromManySourcesKeepingOnlyItsShareOfTheTasksOpenSources() throws IOException {
        try (RangeReader reader = new RangeReader(new Configuration(), 16)) { // 32 per task / 16 threads
            for (int i = 0; i < 6; i++) {
                byte[] read = reader.read(source(i), 99, 3);
                assertArrayEquals(new byte[] {(byte) i, (byte) (i + 1), (byte) i}, read);
                assertTrue(reader.openSources() <= RangeReader.OPEN_SOURCES_PER_TASK / 16, "open: " + reader.openSources());
            }
            assertEquals(2, reader.openSources());
        }
        try (RangeReader alone = new RangeReader(new Configuration(), 1)) {
            for (int i = 0; i < 6; i++) {
                alone.read(source(i), 0, 10);
            }
            assertEquals(6, alone.openSources());
        }
    }

    @Test
    void aRangeBeyondTheEndNamesTheSource() throws IOException {
        String s = source(7);
        try (RangeReader reader = new RangeReader(new Configuration(), 8)) {
            IOException e = assertThrows(IOException.class, () -> reader.read(s, 4000, 200));
            assertTrue(e.getMessage().contains(s) && e.getMessage().contains("200 bytes at 4000"), e.getMessage());
        }
    }
}
