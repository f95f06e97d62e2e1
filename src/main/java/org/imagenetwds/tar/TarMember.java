package org.imagenetwds.tar;

/**
 * One member header of a tar: its name as stored, what kind of entry it is, and where its data
 * lies in the enclosing source (absolute byte offset, so it can be read back as a range).
 */
public record TarMember(String name, Kind kind, long dataOffset, long size) {

    public enum Kind { REGULAR_FILE, DIRECTORY, SYMLINK, HARDLINK, DEVICE, OTHER }

    public boolean isRegularFile() {
        return kind == Kind.REGULAR_FILE;
    }
}
