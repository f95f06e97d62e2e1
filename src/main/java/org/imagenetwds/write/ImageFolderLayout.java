package org.imagenetwds.write;

import org.imagenetwds.dataset.SampleKeys;
import org.imagenetwds.plan.ShardLayout;

/**
 * Where a sample goes in an ImageFolder tree: {@code train/<wnid>/<file>}, {@code val/<wnid>/<file>}
 * (the folder names of the devkit's {@code valprep.sh} and PyTorch's reference scripts), the file
 * keeping the member's base name.
 */
public final class ImageFolderLayout {

    private ImageFolderLayout() {
    }

    public static String folderOf(String split) {
        return ShardLayout.VALIDATION.equals(split) ? "val" : split;
    }

    public static String pathOf(String split, String synset, String member) {
        return folderOf(split) + "/" + synset + "/" + SampleKeys.baseName(member);
    }
}
