package org.imagenetwds.duplicates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class EvaluationSetTest {

    @Test
    void eachSetIsNamedByItsLastPathSegmentInTheOrderGiven() {
        assertEquals(List.of(new EvaluationSet("ILSVRC2012_img_val.tar", "s3a://bucket/ilsvrc/ILSVRC2012_img_val.tar"),
                        new EvaluationSet("imagenetv2-matched-frequency", "/data/imagenetv2-matched-frequency/"),
                        new EvaluationSet("v2-top", "hdfs://nn:8020/v2-top")),
                EvaluationSet.parseList("s3a://bucket/ilsvrc/ILSVRC2012_img_val.tar, /data/imagenetv2-matched-frequency/,"
                        + "hdfs://nn:8020/v2-top"));
    }

    @Test
    void twoSetsOfOneNameOrAnEmptyUriFailNamingThem() {
        String twice = assertThrows(IllegalArgumentException.class,
                () -> EvaluationSet.parseList("/a/val.tar,s3a://b/val.tar")).getMessage();
        assertTrue(twice.contains("two evaluation sets are named val.tar (/a/val.tar and s3a://b/val.tar)"), twice);
        String empty = assertThrows(IllegalArgumentException.class, () -> EvaluationSet.parseList("/a/val.tar,,/b")).getMessage();
        assertTrue(empty.contains("empty URI: /a/val.tar,,/b"), empty);
        assertThrows(IllegalArgumentException.class, () -> EvaluationSet.parseList("/"));
    }

    @Test
    void theFiguresRoundTripAndListEverySetReadEvenWithNothingDropped() {
        DecontaminationStats stats = new DecontaminationStats(
                new java.util.LinkedHashMap<>(java.util.Map.of("val.tar", 50_000L)), java.util.Map.of());
        assertEquals(java.util.Map.of("val.tar", 0L), stats.droppedBySet());
        assertEquals(stats, DecontaminationStats.fromMap(stats.toMap()));
        assertThrows(IllegalArgumentException.class,
                () -> new DecontaminationStats(java.util.Map.of("a.tar", 1L), java.util.Map.of("b.tar", 1L)));
    }
}
