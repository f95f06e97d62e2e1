package org.imagenetwds.image;

import org.imagenetwds.dataset.RejectReason;

/** An image that must not be written, with the reason for the rejected table and a readable detail. */
public final class ImageRejectedException extends Exception {

    private final RejectReason reason;

    public ImageRejectedException(RejectReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public ImageRejectedException(RejectReason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }
}
