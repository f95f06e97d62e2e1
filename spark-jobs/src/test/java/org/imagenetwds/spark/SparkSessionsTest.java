package org.imagenetwds.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SparkSessionsTest {

    private static final String OURS = KryoRecords.class.getName();

    @Test
    void kryoRecordsJoinsTheClustersRegistratorsOnce() {
        assertEquals(OURS, SparkSessions.withKryoRecords(""));
        assertEquals("com.example.Reg," + OURS, SparkSessions.withKryoRecords("com.example.Reg"));
        assertEquals("com.example.Reg," + OURS, SparkSessions.withKryoRecords("com.example.Reg," + OURS));
    }

    @Test
    void embeddedSettingsOverrideTheLocalDefaultsAndMasterWinsOverSparkMaster() {
        Map<String, String> fromFile = Map.of("spark.sql.shuffle.partitions", "256", "spark.master", "local[3]");
        Map<String, String> conf = SparkSessions.embedded(null, fromFile);
        assertEquals("256", conf.get("spark.sql.shuffle.partitions"));
        assertEquals("false", conf.get("spark.ui.enabled"));
        assertEquals("local[3]", conf.get("spark.master"));
        assertEquals("local[1]", SparkSessions.embedded("local[1]", fromFile).get("spark.master"));
        assertEquals(SparkSessions.CliDefaults.MASTER, SparkSessions.embedded(null, Map.of()).get("spark.master"));
    }
}
