package org.imagenetwds.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.junit.jupiter.api.Test;

class SeededHashTest {

    @Test
    void isTheFirstEightBytesOfSha256OverSeedPurposeAndKey() throws Exception {
        // the definition, spelled out independently: changing it would change every dataset built
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] input = ByteBuffer.allocate(8 + 7 + 1 + 11).putLong(42).put("holdout".getBytes(StandardCharsets.UTF_8))
                .put((byte) 0).put("n01440764_1".getBytes(StandardCharsets.UTF_8)).array();
        long expected = ByteBuffer.wrap(sha.digest(input)).getLong();
        assertEquals(expected, SeededHash.of(42, "holdout", "n01440764_1"));
    }

    @Test
    void seedPurposeAndKeyEachChangeTheHash() {
        long h = SeededHash.of(42, "holdout", "k");
        assertNotEquals(h, SeededHash.of(43, "holdout", "k"));
        assertNotEquals(h, SeededHash.of(42, "shuffle-train", "k"));
        assertNotEquals(h, SeededHash.of(42, "holdout", "k2"));
    }
}
