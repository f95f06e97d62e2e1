package org.imagenetwds.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EvenInterleaveTest {

    @Test
    void theTwoRunsFillEveryPositionOnceEachInItsOwnOrder() {
        for (int first = 0; first <= 40; first++) {
            for (int second = 0; second <= 40; second++) {
                int n = first + second;
                int[] owner = new int[n];
                int last = -1;
                for (int k = 0; k < first; k++) {
                    int p = EvenInterleave.positionOfFirst(k, first, second);
                    assertTrue(p > last, "first run in order");
                    last = p;
                    owner[p]++;
                }
                last = -1;
                for (int j = 0; j < second; j++) {
                    int p = EvenInterleave.positionOfSecond(j, first, second);
                    assertTrue(p > last, "second run in order");
                    last = p;
                    owner[p] += 2;
                }
                for (int p = 0; p < n; p++) {
                    assertTrue(owner[p] == 1 || owner[p] == 2, first + "+" + second + ": position " + p + " taken " + owner[p]);
                }
            }
        }
    }

    @Test
    void everyPrefixHoldsTheRunsInTheShardsProportionWithinOneSample() {
        int first = 2_961;
        int second = 377; // 22k train: ~88.7 % of a shard in the 12k view
        int n = first + second;
        boolean[] isSecond = new boolean[n];
        for (int j = 0; j < second; j++) {
            isSecond[EvenInterleave.positionOfSecond(j, first, second)] = true;
        }
        int seen = 0;
        for (int p = 0; p < n; p++) {
            seen += isSecond[p] ? 1 : 0;
            double expected = (double) (p + 1) * second / n;
            assertTrue(Math.abs(seen - expected) <= 1.0, "prefix " + (p + 1) + " holds " + seen + ", expected ~" + expected);
        }
        assertEquals(second, seen);
    }

    @Test
    void aRunAloneKeepsItsPositions() {
        for (int k = 0; k < 10; k++) {
            assertEquals(k, EvenInterleave.positionOfFirst(k, 10, 0));
            assertEquals(k, EvenInterleave.positionOfSecond(k, 0, 10));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> EvenInterleave.positionOfFirst(10, 10, 3));
    }
}
