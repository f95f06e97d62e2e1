package org.imagenetwds.duplicates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DuplicateGroupsTest {

    private static DuplicatePair near(String a, String b) {
        return DuplicatePair.of(a, b, DuplicateKind.NEAR, 3);
    }

    @Test
    void aChainIsOneGroupKeptAsItsSmallestKey() {
        Map<String, String> dropped = DuplicateGroups.dropped(List.of(near("c", "b"), near("d", "c"), near("x", "y")), Set.of());
        assertEquals(Map.of("c", "b", "d", "b", "y", "x"), dropped);
    }

    @Test
    void aSampleThatMustStayRepresentsItsGroupAndTwoSuchBothStay() {
        assertEquals(Map.of("a", "v1", "b", "v1"),
                DuplicateGroups.dropped(List.of(near("a", "b"), near("b", "v1")), Set.of("v1")));
        assertEquals(Map.of("a", "v1"),
                DuplicateGroups.dropped(List.of(near("a", "v2"), near("a", "v1")), Set.of("v1", "v2")));
    }

    @Test
    void exactGroupsListEveryPairUpToTheBoundThenAStar() {
        assertEquals(List.of(new DuplicatePair("a", "b", DuplicateKind.EXACT, 0), new DuplicatePair("a", "c", DuplicateKind.EXACT, 0),
                new DuplicatePair("b", "c", DuplicateKind.EXACT, 0)), ExactPairs.of(List.of("c", "a", "b", "a"), 3));
        assertEquals(List.of(new DuplicatePair("a", "b", DuplicateKind.EXACT, 0), new DuplicatePair("a", "c", DuplicateKind.EXACT, 0),
                new DuplicatePair("a", "d", DuplicateKind.EXACT, 0)), ExactPairs.of(List.of("d", "c", "b", "a"), 3));
        assertEquals(List.of(), ExactPairs.of(List.of("a"), 3));
    }

    @Test
    void aPairHasOneSpelling() {
        assertEquals(new DuplicatePair("a", "b", DuplicateKind.NEAR, 2), DuplicatePair.of("b", "a", DuplicateKind.NEAR, 2));
        assertThrows(IllegalArgumentException.class, () -> new DuplicatePair("b", "a", DuplicateKind.NEAR, 2));
        assertThrows(IllegalArgumentException.class, () -> DuplicatePair.of("a", "a", DuplicateKind.NEAR, 2));
        assertThrows(IllegalArgumentException.class, () -> new DuplicatePair("a", "b", DuplicateKind.EXACT, 1));
        assertEquals(DuplicateKind.NEAR, DuplicateKind.fromCode("near"));
    }
}
