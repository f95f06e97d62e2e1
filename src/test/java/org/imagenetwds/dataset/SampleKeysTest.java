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
        assertEquals("n01440764_a_b_c_d", SampleKeys.keyOf("n01440764", "n01440764_a.b c'd.JPEG"));
        // a member not named after its synset gets the synset as prefix, so keys never collide across synsets
        assertEquals("n02000000_n01440764_1", SampleKeys.keyOf("n02000000", "n01440764_1.JPEG"));
        assertEquals("n01440764__JPEG", SampleKeys.keyOf("n01440764", ".JPEG")); // a dot-file keeps its name
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
