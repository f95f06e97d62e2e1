package org.imagenetwds.write;

import org.imagenetwds.dataset.SampleKeys;
import org.imagenetwds.image.ImageEncoding;
import org.imagenetwds.plan.ShardLayout;

/**
 * Where a sample goes in an ImageFolder tree: {@code train/<wnid>/<file>}, {@code val/<wnid>/<file>}
 * (the folder names of the devkit's {@code valprep.sh} and PyTorch's reference scripts), the file
 * keeping the member's base name; a WebP build replaces its extension with the encoding's
 * ({@code n01440764_10026.JPEG} becomes {@code n01440764_10026.webp}).
 */
public final class ImageFolderLayout {

    private ImageFolderLayout() {
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
