package org.imagenetwds.tar;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Lists the members of a large tar by reading only their headers and seeking over the data, so
 * that a 1.3 TB {@code fall11_whole.tar} is indexed with a few tens of thousands of small reads and
 * its inner tars can then be processed in parallel as byte ranges.
 */
public final class OuterTarIndexer {

    private OuterTarIndexer() {
    }

    public static List<TarMember> index(SeekableByteChannel channel, String sourceName) throws IOException {
        List<TarMember> members = new ArrayList<>();
        try (TarFile tar = new TarFile(channel, 10240, 512, "UTF-8", false)) {
            for (TarArchiveEntry entry : tar.getEntries()) {
                members.add(new TarMember(entry.getName(), TarStreamReader.kindOf(entry),
                        entry.getDataOffset(), entry.getSize()));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot index outer tar " + sourceName + ": " + e.getMessage(), e);
        }
        return members;
    }
}
