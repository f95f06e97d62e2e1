package org.imagenetwds.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/** Members written as files under a folder, their names' folders created: the extracted shape of a release. */
public final class ReleaseFolder implements ReleaseSink {

    private final Path dir;

    public ReleaseFolder(Path dir) {
        this.dir = dir.normalize();
    }

    /** @throws IllegalArgumentException for a link, or a name that leads out of the folder */
    @Override
    public void add(ReleaseMember member) throws IOException {
        Path target = dir.resolve(member.name()).normalize();
        if (member.linkFlag() != TarArchiveEntry.LF_NORMAL || !target.startsWith(dir) || target.equals(dir)) {
            throw new IllegalArgumentException("member '" + member.name() + "' cannot be a file under " + dir);
        }
        Files.createDirectories(target.getParent());
        Files.write(target, member.data());
    }

    /** Nothing to finish: every member is a complete file once added. */
    @Override
    public void close() {
    }
}
