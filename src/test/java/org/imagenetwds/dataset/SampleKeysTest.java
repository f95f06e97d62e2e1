package org.imagenetwds.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SampleKeysTest {

    @Test
    void keysAreBaseNamesWithoutExtensionDotsOrUnsafeCharacters() {
        assertEquals("n01440764_10026", SampleKeys.keyOf("n01440764", "n01440764_10026.JPEG"));
        assertEquals("n01440764_10026", SampleKeys.keyOf("n01440764", "sub/n01440764_10026.JPEG"));
        // what is replaced is marked by the name's hash: different names, different keys
        assertEquals("n01440764_a_b_c_d_" + Sha256.of("n01440764_a.b c'd".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .substring(0, 8), SampleKeys.keyOf("n01440764", "n01440764_a.b c'd.JPEG"));
        assertTrue(SampleKeys.keyOf("n01440764", "\u00fc.JPEG").matches("n01440764___[0-9a-f]{8}"));
        assertFalse(SampleKeys.keyOf("n01440764", "\u00fc.JPEG").equals(SampleKeys.keyOf("n01440764", "\u00f1.JPEG")));
        assertFalse(SampleKeys.keyOf("n01440764", "a b.JPEG").equals(SampleKeys.keyOf("n01440764", "a'b.JPEG")));
        // a member not named after its synset gets the synset as prefix, so keys never collide across synsets
        assertEquals("n02000000_n01440764_1", SampleKeys.keyOf("n02000000", "n01440764_1.JPEG"));
        assertTrue(SampleKeys.keyOf("n01440764", ".JPEG").startsWith("n01440764__JPEG_")); // a dot-file keeps its name
    }

    @Test
    void unsafeNamesAreRecognised() {
        assertTrue(SampleKeys.unsafeNameReason("/etc/passwd").isPresent());
        assertTrue(SampleKeys.unsafeNameReason("../x.JPEG").isPresent());
        assertTrue(SampleKeys.unsafeNameReason("a/../../x.JPEG").isPresent());
        assertTrue(SampleKeys.unsafeNameReason("bad\u0001name.JPEG").isPresent());
        assertTrue(SampleKeys.unsafeNameReason("caf\uFFFD.JPEG").isPresent());
        assertTrue(SampleKeys.unsafeNameReason("").isPresent());
        assertFalse(SampleKeys.unsafeNameReason("n01440764_10026.JPEG").isPresent());
        assertFalse(SampleKeys.unsafeNameReason("with space and 'quote'.JPEG").isPresent());
    }
}
