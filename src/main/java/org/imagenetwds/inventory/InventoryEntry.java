package org.imagenetwds.inventory;

import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.image.ImageFingerprint;

/**
 * One input member as {@code count} saw it: where its bytes are, what its header says, and whether
 * it is usable. {@code reason} is null for usable members, and {@code detail} too unless the member is
 * repaired: then {@code repair} names how ({@link org.imagenetwds.image.RepairKind}) and {@code detail}
 * holds libjpeg's message. {@code fingerprint} finds the member's copies ({@link ImageFingerprint});
 * null for a rejected member and for a usable one no decoder here reads (none in ImageNet).
 */
public record InventoryEntry(String synset, String key, String member, String source, long offset, long length,
                             String format, int width, int height, String reason, String detail, String repair,
                             ImageFingerprint fingerprint)
        implements java.io.Serializable {

    public static final String USABLE = "usable";
    public static final String REJECTED = "rejected";

    public boolean usable() {
        return reason == null;
    }

    public String status() {
        return usable() ? USABLE : REJECTED;
    }

    public static InventoryEntry rejected(String synset, String key, String member, String source, long offset,
                                          long length, RejectReason reason, String detail) {
        return new InventoryEntry(synset, key, member, source, offset, length, null, 0, 0, reason.code(), detail, null, null);
    }
}
