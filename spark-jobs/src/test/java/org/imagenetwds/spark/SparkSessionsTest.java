package org.imagenetwds.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SparkSessionsTest {

    private static final String OURS = KryoRecords.class.getName();

    @Test
    void kryoRecordsJoinsTheClustersRegistratorsOnce() {
        assertEquals(OURS, SparkSessions.withKryoRecords(""));
        assertEquals("com.example.Reg," + OURS, SparkSessions.withKryoRecords("com.example.Reg"));
        assertEquals("com.example.Reg," + OURS, SparkSessions.withKryoRecords("com.example.Reg," + OURS));
    }
}
