package org.imagenetwds.staging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.imagenetwds.write.ByteRangeReader;
import org.junit.jupiter.api.Test;

class StagedInputsTest {

    private static final String OUTER = "s3a://raw/fall11_whole.tar";
    private static final String WORK = "s3a://out/_work/staged";

    private static StagedInputs fall11() {
        return StagedInputs.plan(List.of(
                new StagedInputs.Range("n01440764", OUTER, 512, 3072),
                new StagedInputs.Range("n01443537", OUTER, 4096, 2048),
                new StagedInputs.Range("n09999999", "s3a://raw/per-synset/n09999999.tar", 0, 1024)), WORK);
    }

    @Test
    void onlyRangesOfASharedSourceAreStagedEachUnderItsSourcesFolder() {
        List<StagedRange> staged = fall11().ranges();
        String folder = WORK + "/fall11_whole-" + StagedInputs.folderOf(OUTER).substring("fall11_whole-".length());
        assertEquals(List.of(new StagedRange(OUTER, 512, 3072, folder + "/n01440764-512.tar"),
                new StagedRange(OUTER, 4096, 2048, folder + "/n01443537-4096.tar")), staged);
        assertTrue(StagedInputs.folderOf(OUTER).matches("fall11_whole-[0-9a-f]{8}"));
        // two outer tars of one name in different folders do not share copies
        assertFalse(StagedInputs.folderOf(OUTER).equals(StagedInputs.folderOf("s3a://other/fall11_whole.tar")));
        assertTrue(StagedInputs.plan(List.of(new StagedInputs.Range("n1", "a.tar", 0, 1)), WORK).isEmpty());
    }

    @Test
    void aNameThatIsNoSafePathSegmentIsMadeOne() {
        StagedInputs staged = StagedInputs.plan(List.of(new StagedInputs.Range("val/ILSVRC 1.JPEG", "v.tar", 0, 10),
                new StagedInputs.Range("val/ILSVRC 2.JPEG", "v.tar", 10, 10)), WORK);
        assertTrue(staged.ranges().get(0).staged().endsWith("/val_ILSVRC_1.JPEG-0.tar"), staged.ranges().toString());
    }

    /** Bytes whose every value says where in its object it is. */
    private static byte[] object(int length, int base) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (base + i);
        }
        return b;
    }

    @Test
    void aReadOfAStagedRangeIsMadeFromItsCopyAtTheSameBytesAndOthersFromTheInput() throws IOException {
        StagedInputs staged = fall11();
        byte[] outer = object(8192, 0);
        Map<String, byte[]> objects = new HashMap<>();
        objects.put(OUTER, outer);
        objects.put("s3a://raw/per-synset/n09999999.tar", object(1024, 7));
        for (StagedRange r : staged.ranges()) {
            objects.put(r.staged(), Arrays.copyOfRange(outer, (int) r.offset(), (int) r.end()));
        }
        List<String> asked = new java.util.ArrayList<>();
        ByteRangeReader store = (source, offset, length) -> {
            asked.add(source);
            return Arrays.copyOfRange(objects.get(source), (int) offset, (int) (offset + length));
        };
        ByteRangeReader reader = staged.reading(store);
        assertArrayEquals(Arrays.copyOfRange(outer, 4100, 4200), reader.read(OUTER, 4100, 100));
        assertArrayEquals(Arrays.copyOfRange(outer, 512, 3584), reader.read(OUTER, 512, 3072)); // a whole range
        assertArrayEquals(object(1024, 7), reader.read("s3a://raw/per-synset/n09999999.tar", 0, 1024));
        assertEquals(List.of(staged.ranges().get(1).staged(), staged.ranges().get(0).staged(),
                "s3a://raw/per-synset/n09999999.tar"), asked);
        assertNull(staged.stagedRangeOf("s3a://raw/per-synset/n09999999.tar", 0, 1024));
    }

    @Test
    void aCopyMissingOrOfAnotherLengthIsUnmatched() {
        StagedInputs staged = fall11();
        StagedRange first = staged.ranges().get(0);
        StagedRange second = staged.ranges().get(1);
        assertEquals(List.of(), staged.unmatched(Map.of(first.staged(), 3072L, second.staged(), 2048L, "other", 1L)));
        assertEquals(List.of(first), staged.unmatched(Map.of(first.staged(), 3071L, second.staged(), 2048L)));
        assertEquals(List.of(second), staged.unmatched(Map.of(first.staged(), 3072L)));
    }

    @Test
    void aReadOutsideEveryStagedRangeOfAStagedSourceFailsNamingIt() {
        StagedInputs staged = fall11();
        assertTrue(assertThrows(IllegalStateException.class, () -> staged.stagedRangeOf(OUTER, 100, 10))
                .getMessage().contains("10 bytes at 100 of " + OUTER));
        // crossing the end of a range: the plan and the copies do not match
        assertThrows(IllegalStateException.class, () -> staged.stagedRangeOf(OUTER, 3000, 1000));
    }

    @Test
    void theCopyIsTheWholeRangeWhateverTheReaderLeftUnread() throws IOException {
        byte[] source = object(10_000, 3);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try (CopyingInputStream in = new CopyingInputStream(new ByteArrayInputStream(source, 100, 9_900), 5_000, copy, "r")) {
            assertEquals(source[100] & 0xff, in.read());
            assertEquals(1_000, in.skip(1_000));
            assertEquals(10, in.read(new byte[10]));
            in.close(); // as a tar reader does when it is done: the rest is still copied
            in.finish();
            assertEquals(-1, in.read()); // bounded to its range
        }
        assertArrayEquals(Arrays.copyOfRange(source, 100, 5_100), copy.toByteArray());
    }

    @Test
    void aRangeCutShortFailsInsteadOfStagingPartOfIt() {
        CopyingInputStream in = new CopyingInputStream(new ByteArrayInputStream(new byte[300]), 500,
                new ByteArrayOutputStream(), "n01440764 of fall11_whole.tar");
        assertEquals("n01440764 of fall11_whole.tar ended after 300 of its 500 bytes",
                assertThrows(EOFException.class, in::finish).getMessage());
    }

    @Test
    void stagingAppliesToObjectStoresUnlessForcedOrRefused() {
        assertTrue(InputStaging.AUTO.stages(true));
        assertFalse(InputStaging.AUTO.stages(false));
        assertTrue(InputStaging.ALWAYS.stages(false));
        assertFalse(InputStaging.NEVER.stages(true));
        assertEquals(InputStaging.ALWAYS, InputStaging.fromCode("always"));
        assertThrows(IllegalArgumentException.class, () -> InputStaging.fromCode("yes"));
    }
}
