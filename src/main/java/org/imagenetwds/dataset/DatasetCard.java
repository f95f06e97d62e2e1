package org.imagenetwds.dataset;

import java.util.Map;

/** The output's {@code README.md}: splits and counts, how it was made, terms of use and citation. */
public final class DatasetCard {

    private DatasetCard() {
    }

    public static String render(DatasetInfo info, BuildStats stats) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(info.name()).append(" (WebDataset)\n\n");
        b.append("ImageNet classes selected from the full ImageNet (fall11) release and written as WebDataset shards\n")
                .append("by imagenet-wds. Each sample is `<key>.cls` (label), `<key>.jpg` and `<key>.json`\n")
                .append("(label, class_name, filename, width, height, orig_width/orig_height when resized).\n\n");
        b.append("## Splits\n\n| split | samples | shards |\n| --- | ---: | ---: |\n");
        for (DatasetInfo.SplitInfo s : info.splits()) {
            b.append("| ").append(s.name()).append(" | ").append(s.numSamples()).append(" | ")
                    .append(s.filenames().size()).append(" |\n");
        }
        b.append("\nClasses: ").append(info.numClasses()).append(" (`classes.txt`: line i is label i; ")
                .append("selection cut-off ").append(stats.cutoffCount()).append(" usable images")
                .append(stats.tieSplit() ? ", a tie at the cut-off was broken by synset id" : "").append(").\n\n");
        b.append("## Processing\n\n");
        Map<String, Object> o = info.buildOptions();
        b.append("* Images with width or height below ").append(o.get("min_edge"))
                .append(" px, and anything not a decodable image, are removed.\n");
        b.append("* Shorter edge above ").append(o.get("max_short_edge")).append(" px: resized to exactly ")
                .append(o.get("max_short_edge")).append(" (bicubic, anti-aliased), JPEG quality ")
                .append(o.get("jpeg_quality")).append(".\n");
        b.append("* Other JPEGs keep their compressed image data; Exif, XMP, IPTC and comments are removed, ")
                .append("ICC profiles kept. Non-JPEG or CMYK images are converted to JPEG.\n");
        b.append("* ").append(o.get("val_per_class")).append(" images per class held out for validation; ")
                .append("samples shuffled across shards with seed ").append(o.get("seed")).append(".\n\n");
        b.append("Input members: ").append(stats.inputMembers()).append("; written: ").append(stats.written())
                .append("; rejected: ").append(stats.rejected()).append(" (see `_meta/rejected/`); unselected: ")
                .append(stats.unselected()).append(".\n\n");
        b.append("## Terms\n\nImageNet images are for non-commercial research and educational use under the ")
                .append("ImageNet terms of access (https://image-net.org/download).\n\n");
        b.append("## Citation\n\n```\n@article{russakovsky2015imagenet,\n  title={ImageNet Large Scale Visual ")
                .append("Recognition Challenge},\n  author={Russakovsky, Olga and Deng, Jia and others},\n")
                .append("  journal={International Journal of Computer Vision},\n  year={2015}\n}\n```\n");
        return b.toString();
    }
}
