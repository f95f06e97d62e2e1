package org.imagenetwds.tar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.commons.io.input.CountingInputStream;

/**
 * Streams the members of one tar (a whole file, or a byte range of an outer tar) without holding
 * it in memory. Offsets are reported relative to the enclosing source, so a member can later be
 * read back by (source, offset, length) alone.
 */
public final class TarStreamReader implements AutoCloseable {

    /** Receives each member in archive order, with a stream over its data (valid during the call). */
    @FunctionalInterface
    public interface MemberVisitor {
        void visit(TarMember member, InputStream data) throws IOException;
    }

    private final StorageGuard guard;
    private final CountingInputStream counted;
    private final TarArchiveInputStream tar;
    private final long baseOffset;
    private final String sourceName;

    /**
     * @param in         positioned at the first header of the tar
     * @param baseOffset absolute offset of that first header within its source
     * @param length     bytes the tar occupies (for an inner tar, its size in the outer tar)
     * @param sourceName names the tar in error messages
     */
    @SuppressWarnings("deprecation") // the builders are not in every commons-io that Hadoop clusters carry
    public TarStreamReader(InputStream in, long baseOffset, long length, String sourceName) {
        this.guard = new StorageGuard(in);
        this.counted = new CountingInputStream(new BoundedInputStream(guard, length));
        // ISO-8859-1 maps bytes to chars one to one, so names can be decoded strictly below
        this.tar = new TarArchiveInputStream(counted, "ISO-8859-1");
        this.baseOffset = baseOffset;
        this.sourceName = sourceName;
    }

    /**
     * Visits every member. A header that cannot be parsed ends the walk with a
     * {@link DamagedTarException} naming the offset; members visited before it stay visited.
     */
    public void forEach(MemberVisitor visitor) throws IOException {
        long headerOffset = baseOffset;
        while (true) {
            TarArchiveEntry entry;
            try {
                entry = tar.getNextEntry();
            } catch (IOException | IllegalArgumentException e) {
                throw damageOrStorageFailure(headerOffset, e);
            }
            if (entry == null) {
                return;
            }
            if (!entry.isCheckSumOK()) {
                // commons-compress reads past a bad checksum; a damaged header must not name a member
                throw new DamagedTarException(sourceName, headerOffset, new IOException("header checksum mismatch"));
            }
            long dataOffset = baseOffset + counted.getByteCount();
            String name = withoutDotSlash(nameOf(entry, guard::lastRecord));
            headerOffset = TarMember.endOfData(dataOffset, entry.getSize());
            if (name.isEmpty() && entry.isDirectory()) {
                continue; // "./", the archive's own root (tar -C dir -cf x.tar .): not a member
            }
            TarMember member = new TarMember(name, kindOf(entry), dataOffset, entry.getSize());
            try {
                visitor.visit(member, tar);
            } catch (DamagedTarException e) {
                throw e;
            } catch (IOException e) {
                // a member whose data ends early means the archive itself is cut short
                throw damageOrStorageFailure(dataOffset, e);
            }
        }
    }

    /**
     * A failure of the storage under the tar (a broken connection, a missing object) is not damage in
     * the tar: it is rethrown as it is, so the task fails and is retried instead of losing members.
     */
    private IOException damageOrStorageFailure(long offset, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StorageGuard.StorageException storage) {
                return (IOException) storage.getCause();
            }
        }
        return new DamagedTarException(sourceName, offset, e);
    }

    /** Marks exceptions thrown by the underlying stream, whatever Commons Compress wraps them in. */
    private static final class StorageGuard extends java.io.FilterInputStream {

        static final class StorageException extends IOException {
            StorageException(IOException cause) {
                super(cause.getMessage(), cause);
            }
        }

        /** The last 512 bytes read: right after Commons Compress returns an entry, that entry's own header. */
        private final byte[] window = new byte[512];

        StorageGuard(InputStream in) {
            super(in);
        }

        byte[] lastRecord() {
            return window.clone();
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (IOException e) {
                throw new StorageException(e);
            }
            if (b >= 0) {
                System.arraycopy(window, 1, window, 0, window.length - 1);
                window[window.length - 1] = (byte) b;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                throw new StorageException(e);
            }
            if (n >= window.length) {
                System.arraycopy(b, off + n - window.length, window, 0, window.length);
            } else if (n > 0) {
                System.arraycopy(window, n, window, 0, window.length - n);
                System.arraycopy(b, off, window, window.length - n, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw new StorageException(e);
            }
        }
    }

    /**
     * {@code ./n01440764_1.JPEG} is {@code n01440764_1.JPEG}: a tar made with {@code tar -C dir -cf x.tar .}
     * names every member from {@code ./}, and the same files must give the same samples whichever way
     * they were packed.
     */
    static String withoutDotSlash(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        return n.equals(".") ? "" : n;
    }

    private static final org.apache.commons.compress.archivers.zip.ZipEncoding LATIN1 =
            org.apache.commons.compress.archivers.zip.ZipEncodingHelper.getZipEncoding(StandardCharsets.ISO_8859_1);

    /**
     * The member's name. One written in its own header is bytes, read as Latin-1 and decoded
     * strictly as UTF-8 here ({@link #utf8Name}). One from an extended header differs from its own
     * header's: a PAX {@code path} (UTF-8 by definition, already decoded: "café" is right as it is)
     * or a GNU long name (bytes read as Latin-1, decoded here when they are UTF-8). An ASCII name reads
     * the same every way, so only a name with other characters has its own header parsed again.
     */
    static String nameOf(TarArchiveEntry entry, java.util.function.Supplier<byte[]> ownHeader) {
        String name = entry.getName();
        if (name.chars().allMatch(c -> c < 0x80)) {
            return name;
        }
        String inHeader;
        try {
            inHeader = new TarArchiveEntry(ownHeader.get(), LATIN1, true).getName();
        } catch (IOException | RuntimeException unparsable) {
            inHeader = null;
        }
        if (name.equals(inHeader)) {
            return utf8Name(name);
        }
        String decoded = utf8Name(name);
        return decoded.indexOf('\uFFFD') >= 0 ? name : decoded;
    }

    /**
     * Decodes a header name as UTF-8, with U+FFFD where its bytes are not UTF-8 (which marks the name
     * unsafe). Commons Compress would substitute '?' and hide the damage. A name with characters
     * beyond Latin-1 came from a PAX header, which is UTF-8 by definition and already decoded.
     */
    static String utf8Name(String latin1) {
        if (latin1.chars().anyMatch(c -> c > 0xFF)) {
            return latin1;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder cannot fail", e);
        }
    }

    static TarMember.Kind kindOf(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return TarMember.Kind.SYMLINK;
        }
        if (entry.isLink()) {
            return TarMember.Kind.HARDLINK;
        }
        if (entry.isDirectory()) {
            return TarMember.Kind.DIRECTORY;
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            return TarMember.Kind.DEVICE;
        }
        return entry.isFile() ? TarMember.Kind.REGULAR_FILE : TarMember.Kind.OTHER;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
