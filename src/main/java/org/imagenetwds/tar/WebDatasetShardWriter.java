package org.imagenetwds.tar;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import org.imagenetwds.image.ImageEncoding;

/**
 * Writes one WebDataset shard: per sample {@code <key>.cls}, {@code <key>.jpg} (or the extension of
 * the build's {@link ImageEncoding}: {@code .webp}), {@code <key>.json}, contiguous and in that order. POSIX ustar (PAX only for names that need it), regular files with
 * mode 0444, uid/gid 0, no user or group names and a fixed mtime, so the same samples always give
 * the same bytes.
 */
public final class WebDatasetShardWriter implements AutoCloseable {

    /** Fixed member mtime: the epoch, as reproducible-build tools use. */
    private static final Date MTIME = new Date(0L);
    private static final int MODE = 0100444;

    private final TarArchiveOutputStream tar;
    private final String imageSuffix;

    /** Where a sample's three members' data lie in the shard. */
    public record SampleOffsets(long clsOffset, long clsLength, long jpgOffset, long jpgLength,
                                long jsonOffset, long jsonLength) {
    }

    public WebDatasetShardWriter(OutputStream out) {
        this(out, ImageEncoding.JPEG);
    }

    /** @param encoding what the images are: names their members */
    public WebDatasetShardWriter(OutputStream out, ImageEncoding encoding) {
        this.imageSuffix = "." + encoding.extension();
        this.tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** Offsets are named after the default's {@code .jpg}; they locate the image member of either encoding. */
    public SampleOffsets write(String key, int label, byte[] image, byte[] json) throws IOException {
        if (key.isEmpty() || key.indexOf('.') >= 0 || key.indexOf('/') >= 0) {
            throw new IllegalArgumentException("sample key must be non-empty without '.' or '/': " + key);
        }
        byte[] cls = Integer.toString(label).getBytes(StandardCharsets.US_ASCII);
        long clsOffset = member(key + ".cls", cls);
        long jpgOffset = member(key + imageSuffix, image);
        long jsonOffset = member(key + ".json", json);
        return new SampleOffsets(clsOffset, cls.length, jpgOffset, image.length, jsonOffset, json.length);
    }

    private long member(String name, byte[] data) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(data.length);
        entry.setMode(MODE);
        entry.setModTime(MTIME);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        tar.putArchiveEntry(entry);
        long offset = tar.getBytesWritten();
        tar.write(data);
        tar.closeArchiveEntry();
        return offset;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
