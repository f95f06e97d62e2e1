package org.imagenetwds.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A tar of generated members, written one by one (an outer tar of inner tars never holds more than
 * one inner tar in memory). Every entry gets the same time and no owner, so the same members always
 * give the same bytes.
 */
public final class ReleaseTar implements ReleaseSink {

    /** October 2011, when fall11 was published. */
    private static final Date MOD_TIME = new Date(1_318_000_000_000L);

    private final TarArchiveOutputStream tar;

    /** Closing this closes {@code out}. */
    public ReleaseTar(OutputStream out) {
        tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    /** The tar of {@code members}, as bytes. */
    public static byte[] bytes(List<ReleaseMember> members) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReleaseTar tar = new ReleaseTar(out)) {
            for (ReleaseMember m : members) {
                tar.add(m);
            }
        }
        return out.toByteArray();
    }

    /**
     * The tar of {@code members} whose end-of-archive blocks are replaced by a header block with a
     * broken checksum (then zero blocks): readers stop there, as on a damaged download.
     */
    public static byte[] bytesWithDamagedTail(List<ReleaseMember> members) throws IOException {
        byte[] whole = bytes(members);
        int end = whole.length;
        while (end >= 512 && isZeroBlock(whole, end - 512)) {
            end -= 512;
        }
        byte[] garbage = new byte[512];
        Arrays.fill(garbage, 0, 100, (byte) 'Z');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(whole, 0, end);
        out.writeBytes(garbage);
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    @Override
    public void add(ReleaseMember m) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(m.name(), m.linkFlag(), true);
        if (m.linkName() != null) {
            e.setLinkName(m.linkName());
        }
        e.setSize(m.data().length);
        e.setModTime(MOD_TIME);
        e.setUserName("");
        e.setGroupName("");
        try {
            tar.putArchiveEntry(e);
            tar.write(m.data());
            tar.closeArchiveEntry();
        } catch (IOException ex) {
            throw new IOException("cannot write tar member " + m.name() + ": " + ex.getMessage(), ex);
        }
    }

    /** Writes the end-of-archive blocks and closes the stream. */
    @Override
    public void close() throws IOException {
        tar.close();
    }

    private static boolean isZeroBlock(byte[] bytes, int from) {
        for (int i = from; i < from + 512; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
