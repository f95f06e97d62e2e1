package org.imagenetwds.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.imagenetwds.dataset.SampleKeys;
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
        SplitRules rules = new SplitRules(0, 5, HoldoutOrder.SEEDED_HASH);
        List<String> keys = keys(200);
        Collections.shuffle(keys, new Random(3));
        List<SplitRules.Place> ranked = new ArrayList<>(keys.stream().map(k -> rules.holdoutPlace(k, k + ".JPEG")).toList());
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
        assertNotEquals(rules.holdoutPlace(keys.get(0), "a.JPEG"), new SplitRules(1, 5, HoldoutOrder.SEEDED_HASH).holdoutPlace(keys.get(0), "a.JPEG"),
                "another seed ranks otherwise");
    }

    @Test
    void byNameTheHoldoutIsTheFirstFileNamesInByteOrderAsLsInTheCLocale() {
        SplitRules rules = new SplitRules(0, 3, HoldoutOrder.NAME);
        // C-locale ls order: '.' (0x2E) before digits, so _1002.JPEG precedes _10026.JPEG; 'Z' before 'a';
        // a two-byte UTF-8 name after every ASCII one
        List<String> members = new ArrayList<>(List.of("n1/n1_10026.JPEG", "n1/n1_1002.JPEG", "n1/n1_100.JPEG",
                "n1/n1_2.JPEG", "n1/n1_Z.JPEG", "n1/n1_a.JPEG", "n1/n1_\u00e9.JPEG", "n1/n1_\u20ac.JPEG"));
        List<String> expected = List.copyOf(members.stream().sorted(java.util.Comparator.comparing(
                (String m) -> m.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned)).toList());
        assertEquals(List.of("n1/n1_100.JPEG", "n1/n1_1002.JPEG", "n1/n1_10026.JPEG", "n1/n1_2.JPEG", "n1/n1_Z.JPEG",
                "n1/n1_a.JPEG", "n1/n1_\u00e9.JPEG", "n1/n1_\u20ac.JPEG"), expected);
        Collections.shuffle(members, new Random(5));
        List<SplitRules.Place> ranked = new ArrayList<>(members.stream()
                .map(m -> rules.holdoutPlace(SampleKeys.keyOf("n1", m), m)).toList());
        ranked.sort(SplitRules.ORDER);
        List<String> held = new ArrayList<>();
        for (int rank = 0; rank < ranked.size(); rank++) {
            if (rules.heldOut(rank)) {
                held.add(ranked.get(rank).key().substring(ranked.get(rank).key().indexOf('\0') + 1));
            }
        }
        assertEquals(List.of("n1_100", "n1_1002", "n1_10026"), held);
        assertEquals(rules.holdoutPlace("k", "x/n1_5.JPEG"), new SplitRules(9, 3, HoldoutOrder.NAME).holdoutPlace("k", "n1_5.JPEG"),
                "the seed and the folder play no part");
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
        SplitRules rules = new SplitRules(0, 1, HoldoutOrder.SEEDED_HASH);
        SplitRules.Place p = rules.place("train", "n01440764_10026");
        assertEquals(SeededHash.of(0, "shuffle-train", "n01440764_10026"), p.order());
        assertNotEquals(p.order(), rules.place("validation", "n01440764_10026").order());
        assertTrue(SplitRules.ORDER.compare(new SplitRules.Place(5, "b"), new SplitRules.Place(5, "c")) < 0);
        assertTrue(SplitRules.ORDER.compare(new SplitRules.Place(-5, "z"), new SplitRules.Place(5, "a")) < 0);
    }
}
