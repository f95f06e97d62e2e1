package org.imagenetwds.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.imagenetwds.duplicates.DuplicateKind;
import org.imagenetwds.image.DamagedImages;
import org.imagenetwds.labels.LabelSet;
import org.imagenetwds.staging.InputStaging;
import org.junit.jupiter.api.Test;

class CodedTest {

    @Test
    void everyConstantComesBackFromItsCode() {
        for (InputStaging s : InputStaging.values()) {
            assertEquals(s, InputStaging.fromCode(s.code()));
        }
        assertEquals(DuplicateKind.NEAR, DuplicateKind.fromCode("near"));
        assertEquals(LabelSet.REAL, LabelSet.fromCode("ReaL"), "label sets are named in any case");
    }

    @Test
    void theCommandLinesLabelsListTheCodes() { // a picocli label must be a constant, so it is written out
        assertEquals(InputStaging.CHOICES, codes(InputStaging.values()));
        assertEquals(DamagedImages.CHOICES, codes(DamagedImages.values()));
    }

    private static String codes(Coded[] values) {
        return Arrays.stream(values).map(Coded::code).collect(Collectors.joining("|"));
    }

    @Test
    void anUnknownCodeNamesTheOptionAndItsCodes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DuplicateKind.fromCode("fuzzy"));
        assertEquals("unknown --dedup 'fuzzy' (give exact, near)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> InputStaging.fromCode("Auto"));
        assertEquals("unknown --stage-inputs 'Auto' (give auto, always, never)", e.getMessage());
    }
}
