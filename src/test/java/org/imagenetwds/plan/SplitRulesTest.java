package org.imagenetwds.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SplitRulesTest {

    private static List<String> keys(int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add("n01440764_" + (10000 + i));
        }
        return keys;
    }

    @Test
    void theHoldoutIsTheLowestHashesOfAClassWhateverTheInputOrder() {
        SplitRules rules = new SplitRules(0, 5);
        List<String> keys = keys(200);
        Collections.shuffle(keys, new Random(3));
        List<SplitRules.Place> ranked = new ArrayList<>(keys.stream().map(rules::holdoutPlace).toList());
        ranked.sort(SplitRules.ORDER);
        List<String> held = new ArrayList<>();
        for (int rank = 0; rank < ranked.size(); rank++) {
            if (rules.heldOut(rank)) {
                held.add(ranked.get(rank).key());
            }
        }
        assertEquals(5, held.size());
        long highestHeld = held.stream().mapToLong(k -> SeededHash.of(0, "holdout", k)).max().orElseThrow();
        for (String k : keys) {
            assertEquals(held.contains(k), SeededHash.of(0, "holdout", k) <= highestHeld, k);
        }
        assertNotEquals(rules.holdoutPlace(keys.get(0)), new SplitRules(1, 5).holdoutPlace(keys.get(0)),
                "another seed ranks otherwise");
    }

    @Test
    void bucketsAreEqualHashRangesInHashOrder() {
        assertEquals(0, SplitRules.bucket(Long.MIN_VALUE, 3));
        assertEquals(3, SplitRules.bucket(-1L, 3));
        assertEquals(4, SplitRules.bucket(0L, 3));
        assertEquals(7, SplitRules.bucket(Long.MAX_VALUE, 3));
        assertEquals(0, SplitRules.bucket(Long.MAX_VALUE, 0));
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            long a = random.nextLong();
            long b = random.nextLong();
            if (a <= b) {
                assertTrue(SplitRules.bucket(a, 5) <= SplitRules.bucket(b, 5), a + " " + b);
            }
        }
    }

    @Test
    void placesOrderByHashThenKeyAndDifferPerSplit() {
        SplitRules rules = new SplitRules(0, 1);
        SplitRules.Place p = rules.place("train", "n01440764_10026");
        assertEquals(SeededHash.of(0, "shuffle-train", "n01440764_10026"), p.order());
        assertNotEquals(p.order(), rules.place("validation", "n01440764_10026").order());
        assertTrue(SplitRules.ORDER.compare(new SplitRules.Place(5, "b"), new SplitRules.Place(5, "c")) < 0);
        assertTrue(SplitRules.ORDER.compare(new SplitRules.Place(-5, "z"), new SplitRules.Place(5, "a")) < 0);
    }
}
