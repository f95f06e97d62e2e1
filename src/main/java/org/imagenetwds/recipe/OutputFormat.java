package org.imagenetwds.recipe;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.imagenetwds.dataset.Coded;
import org.imagenetwds.plan.ImageFolderLayout;

/** How the dataset is laid out in the output. */
public enum OutputFormat implements Coded {
    /** Shuffled tar shards of {@code .cls}/{@code .jpg}/{@code .json} samples with {@code _info.json} (timm, webdataset). */
    WEBDATASET,
    /**
     * {@code train/<wnid>/<file>} and {@code val/<wnid>/<file>}, what the devkit's {@code valprep.sh}
     * and PyTorch's reference scripts produce, for torchvision's {@code ImageFolder}.
     */
    IMAGEFOLDER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Where progress lines say samples of {@code splits} go: {@code in 1536 shards}, or for a tree
     * {@code as files under train/ and val/} (its shards are only the write tasks' portions).
     */
    public String placeOf(List<String> splits, int shards) {
        if (this == WEBDATASET) {
            return "in " + shards + " shards";
        }
        return "as files under " + splits.stream().map(s -> ImageFolderLayout.folderOf(s) + "/")
                .collect(Collectors.joining(" and "));
    }

    public static OutputFormat fromCode(String code) {
        return Coded.parse(values(), code, "--format");
    }
}
