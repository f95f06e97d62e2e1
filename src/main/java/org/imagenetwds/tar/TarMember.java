package org.imagenetwds.tar;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * One member header of a tar: its name as stored, what kind of entry it is, and where its data
 * lies in the enclosing source (absolute byte offset, so it can be read back as a range).
 */
public record TarMember(String name, Kind kind, long dataOffset, long size) {

    public enum Kind { REGULAR_FILE, DIRECTORY, SYMLINK, HARDLINK, DEVICE, OTHER }

    public boolean isRegularFile() {
        return kind == Kind.REGULAR_FILE;
    }

    /** Where the next header starts: after this member's data, padded to the tar's 512-byte blocks. */
    public long end() {
        return endOfData(dataOffset, size);
    }

    /** The end of {@code size} bytes of data at {@code dataOffset}, padded to the tar's 512-byte blocks. */
    public static long endOfData(long dataOffset, long size) {
        return dataOffset + (size + 511) / 512 * 512;
    }

    /**
     * All of this member's data from {@code in}, positioned at its start; read into place (a sized
     * array, not {@code readNBytes(n)}, which gathers chunks and copies twice). A size no array can
     * hold, or data that ends early, is an {@link IOException} naming the member.
     */
    public byte[] readData(InputStream in) throws IOException {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException(name + ": " + size + " bytes do not fit in memory");
        }
        byte[] bytes = new byte[(int) size];
        int read = in.readNBytes(bytes, 0, bytes.length);
        if (read < bytes.length) {
            throw new EOFException(name + " ends after " + read + " of " + size + " bytes");
        }
        return bytes;
    }
}
