package org.imagenetwds.spark.stages;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.imagenetwds.inventory.InventoryEntry;
import org.imagenetwds.write.ManifestEntry;
import org.imagenetwds.write.PlannedSample;

/** The Parquet tables of the pipeline and the conversions between their rows and the core's value types. */
public final class Schemas {

    private Schemas() {
    }

    /** One row per input member (count). */
    public static final StructType INVENTORY = createStructType(List.of(
            createStructField("synset", StringType, false),
            createStructField("key", StringType, false),
            createStructField("member", StringType, false),
            createStructField("source", StringType, false),
            createStructField("offset", LongType, false),
            createStructField("length", LongType, false),
            createStructField("format", StringType, true),
            createStructField("width", IntegerType, false),
            createStructField("height", IntegerType, false),
            createStructField("status", StringType, false),
            createStructField("reason", StringType, true),
            createStructField("detail", StringType, true),
            createStructField("split", StringType, true), // the input's own split (a given validation set), else null
            createStructField("repair", StringType, true), // how a usable damaged JPEG is repaired, else null
            // ImageFingerprint of a usable member (null when rejected): exact content, perceptual hash, its check
            createStructField("sha256", StringType, true),
            createStructField("dc_hash", LongType, true),
            createStructField("gradient_hash", LongType, true)));

    /** One row per selected sample with its split, shard and position (split). */
    public static final StructType PLAN = createStructType(List.of(
            createStructField("key", StringType, false),
            createStructField("synset", StringType, false),
            createStructField("label", IntegerType, false),
            createStructField("member", StringType, false),
            createStructField("source", StringType, false),
            createStructField("offset", LongType, false),
            createStructField("length", LongType, false),
            createStructField("split", StringType, false),
            createStructField("shard", IntegerType, false),
            createStructField("global_shard", IntegerType, false),
            createStructField("position", IntegerType, false),
            createStructField("view_label", IntegerType, false), // label in a class view (label_12k), or -1
            createStructField("repair", StringType, true))); // as the inventory's

    /** One row per written sample (SPEC §4). */
    public static final StructType MANIFEST = createStructType(List.of(
            createStructField("key", StringType, false),
            createStructField("synset", StringType, false),
            createStructField("label", IntegerType, false),
            createStructField("split", StringType, false),
            createStructField("shard", StringType, false),
            createStructField("position", IntegerType, false),
            createStructField("cls_offset", LongType, false),
            createStructField("cls_length", LongType, false),
            createStructField("jpg_offset", LongType, false),
            createStructField("jpg_length", LongType, false),
            createStructField("json_offset", LongType, false),
            createStructField("json_length", LongType, false),
            createStructField("width", IntegerType, false),
            createStructField("height", IntegerType, false),
            createStructField("orig_width", IntegerType, false),
            createStructField("orig_height", IntegerType, false),
            createStructField("action", StringType, false),
            createStructField("source", StringType, false),
            createStructField("member", StringType, false),
            createStructField("source_sha256", StringType, false)));

    /** One row per input member not written. */
    public static final StructType REJECTED = createStructType(List.of(
            createStructField("synset", StringType, false),
            createStructField("source", StringType, false),
            createStructField("member", StringType, false),
            createStructField("offset", LongType, false),
            createStructField("length", LongType, false),
            createStructField("reason", StringType, false),
            createStructField("detail", StringType, true),
            createStructField("stage", StringType, false)));

    /**
     * One row per usable sample of a selected class that {@code dedup} drops before the split: its key,
     * the rejected table's columns but the stage, and the sample kept in its place ({@code kept_key}; a
     * duplicate's reason becomes {@code duplicate_of_validation} once the split puts that one in validation).
     */
    public static final StructType DROPPED = createStructType(Stream.of(
            Stream.of(createStructField("key", StringType, false)),
            Stream.of(REJECTED.fields()).filter(f -> !f.name().equals("stage")),
            Stream.of(createStructField("kept_key", StringType, true))).flatMap(f -> f).toList());

    /**
     * One row per sample {@code dedup} drops as near an evaluation image ({@code --decontaminate}): its nearest
     * one's set and path in the set, and the Hamming distance of their perceptual hashes (0: the same image).
     * The columns of {@code _meta/decontaminated.parquet}.
     */
    public static final StructType DECONTAMINATED = createStructType(List.of(
            createStructField("key", StringType, false),
            createStructField("eval_set", StringType, false),
            createStructField("eval_name", StringType, false),
            createStructField("distance", IntegerType, false)));

    public static Row inventoryRow(InventoryEntry e, String givenSplit) {
        return RowFactory.create(e.synset(), e.key(), e.member(), e.source(), e.offset(), e.length(), e.format(),
                e.width(), e.height(), e.status(), e.reason(), e.detail(), givenSplit, e.repair(),
                e.fingerprint() == null ? null : e.fingerprint().sha256(),
                e.fingerprint() == null ? null : e.fingerprint().dcHash(),
                e.fingerprint() == null ? null : e.fingerprint().gradientHash());
    }

    public static Row rejectedRow(InventoryEntry e, String stage) {
        return RowFactory.create(e.synset(), e.source(), e.member(), e.offset(), e.length(), e.reason(), e.detail(), stage);
    }

    public static Row manifestRow(ManifestEntry m) {
        return RowFactory.create(m.key(), m.synset(), m.label(), m.split(), m.shard(), m.position(), m.clsOffset(),
                m.clsLength(), m.jpgOffset(), m.jpgLength(), m.jsonOffset(), m.jsonLength(), m.width(), m.height(),
                m.origWidth(), m.origHeight(), m.action(), m.source(), m.member(), m.sourceSha256());
    }

    public static PlannedSample plannedSample(Row r) {
        return new PlannedSample(r.getAs("key"), r.getAs("synset"), r.<Integer>getAs("label"), r.getAs("member"),
                r.getAs("source"), r.<Long>getAs("offset"), r.<Long>getAs("length"), r.<Integer>getAs("position"),
                r.<Integer>getAs("view_label"), r.getAs("repair"));
    }
}
