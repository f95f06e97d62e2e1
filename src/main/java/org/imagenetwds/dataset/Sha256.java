package org.imagenetwds.dataset;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the one digest of the project: shard and source checksums, fingerprints, seeded hashes. */
public final class Sha256 {

    private static final ThreadLocal<MessageDigest> PER_THREAD = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {
    }

    /**
     * This thread's digest, reset (a walk that threw may have fed it): for the hash count takes of
     * every image, without looking the algorithm up each time. Not to be held across another call
     * that may use it.
     */
    public static MessageDigest threadDigest() {
        MessageDigest d = PER_THREAD.get();
        d.reset();
        return d;
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The SHA-256 of {@code bytes}, in hex. */
    public static String of(byte[] bytes) {
        return hex(threadDigest().digest(bytes));
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
