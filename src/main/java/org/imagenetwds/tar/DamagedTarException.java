package org.imagenetwds.tar;

import java.io.IOException;

/** A tar whose structure breaks at a known offset; what came before it is still good. */
public final class DamagedTarException extends IOException {

    private final String source;
    private final long offset;

    public DamagedTarException(String source, long offset, Throwable cause) {
        super("damaged tar " + source + " at byte " + offset + ": " + cause.getMessage(), cause);
        this.source = source;
        this.offset = offset;
    }

    public String source() {
        return source;
    }

    public long offset() {
        return offset;
    }
}
