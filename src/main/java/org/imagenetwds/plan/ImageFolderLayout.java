package org.imagenetwds.plan;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.imagenetwds.dataset.SampleKeys;
import org.imagenetwds.image.ImageEncoding;

/**
 * Where a sample goes in an ImageFolder tree: {@code train/<wnid>/<file>}, {@code val/<wnid>/<file>}
 * (the folder names of the devkit's {@code valprep.sh} and PyTorch's reference scripts), the file
 * keeping the member's base name; a WebP build replaces its extension with the encoding's
 * ({@code n01440764_10026.JPEG} becomes {@code n01440764_10026.webp}).
 */
public final class ImageFolderLayout {

    /**
     * The longest file name, in UTF-8 bytes, that every store the tree may go to accepts: NAME_MAX of
     * Linux file systems (ext4, XFS, tmpfs) and HDFS's {@code dfs.namenode.fs-limits.max-component-length}.
     * S3 allows longer key segments, but a tree there is copied to local disks to be read.
     */
    public static final int MAX_FILE_NAME_BYTES = 255;

    private ImageFolderLayout() {
    }

    /**
     * Why the member can have no file in the tree, or empty. Asked by {@code count}, so that such a
     * member is rejected before the split, not when its file is written.
     */
    public static Optional<String> unwritableNameReason(String member, ImageEncoding encoding) {
        int bytes = fileName(SampleKeys.baseName(member), encoding).getBytes(StandardCharsets.UTF_8).length;
        return bytes <= MAX_FILE_NAME_BYTES ? Optional.empty()
                : Optional.of("its file name would be " + bytes + " bytes, above the " + MAX_FILE_NAME_BYTES
                        + "-byte limit of file systems");
    }

    public static String folderOf(String split) {
        return ShardLayout.VALIDATION.equals(split) ? "val" : split;
    }

    public static String pathOf(String split, String synset, String member, ImageEncoding encoding) {
        return folderOf(split) + "/" + synset + "/" + fileName(SampleKeys.baseName(member), encoding);
    }

    /** A JPEG build keeps the member's name as it is (its bytes are a JPEG whatever the extension said). */
    private static String fileName(String base, ImageEncoding encoding) {
        if (encoding == ImageEncoding.JPEG) {
            return base;
        }
        int dot = base.lastIndexOf('.');
        return (dot > 0 ? base.substring(0, dot) : base) + "." + encoding.extension();
    }
}
