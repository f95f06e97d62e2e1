package org.imagenetwds.plan;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.imagenetwds.dataset.Sha256;

/**
 * A stable 64-bit hash of (seed, purpose, key): the first 8 bytes of SHA-256. It decides the
 * validation hold-out and the shuffle order, so it must give the same value on every JVM, in
 * every partition and in every version of this tool.
 */
public final class SeededHash {

    private SeededHash() {
    }

    public static long of(long seed, String purpose, String key) {
        MessageDigest sha = Sha256.newDigest();
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
        sha.update(purpose.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(key.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(sha.digest()).getLong();
    }

}
