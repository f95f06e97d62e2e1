package org.imagenetwds.sample;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * A member of a generated release: a regular file, or (tar layouts only) a link. The name is the
 * path inside its tar or folder and may be hostile on purpose ({@code ../}, absolute) in a tar.
 */
public record ReleaseMember(String name, byte[] data, byte linkFlag, String linkName) {

    public static ReleaseMember file(String name, byte[] data) {
        return new ReleaseMember(name, data, TarArchiveEntry.LF_NORMAL, null);
    }

    public static ReleaseMember symlink(String name, String target) {
        return new ReleaseMember(name, new byte[0], TarArchiveEntry.LF_SYMLINK, target);
    }
}
