package org.imagenetwds.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.imagenetwds.dataset.InputLayout;
import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.sample.Ilsvrc2012ReleaseGenerator;
import org.imagenetwds.sample.SampleCorpusGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code generate-sample}: a small fall11-shaped input of generated images, with odd members; or,
 * given a real devkit's labels, a small ILSVRC-2012-shaped release (train tar, val tar, devkit).
 */
@Command(name = "generate-sample", mixinStandardHelpOptions = true,
        description = "Write a fall11-shaped input of generated images (long-tailed classes, a few odd members), "
                + "or with --ilsvrc2012-labels an ILSVRC-2012-shaped release for --preset imagenet1k.")
public final class GenerateSampleCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder to create the input in.")
    Path output;

    @Option(names = "--synsets", defaultValue = "40", description = "Number of synsets (default: ${DEFAULT-VALUE}).")
    int synsets;

    @Option(names = "--largest", defaultValue = "60", description = "Images in the largest synset (default: ${DEFAULT-VALUE}).")
    int largest;

    @Option(names = "--shape", defaultValue = "long-tail", paramLabel = "long-tail|around-500",
            description = "long-tail: --synsets made-up synsets, the largest with --largest images; around-500: up to 12 real "
                    + "synsets of one WordNet subtree with 501, 500, 502, 499, ... files of tiny images, for --preset imagenet21k-p "
                    + "(default: ${DEFAULT-VALUE}).")
    String shape;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the generator (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--layout", defaultValue = "synset-tars",
            description = "synset-tars, fall11-tar or folders (default: ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--ilsvrc2012-labels", paramLabel = "DIR", description = "A folder with a real devkit's meta.mat and "
            + "ILSVRC2012_validation_ground_truth.txt (its data/ folder): write ILSVRC2012_img_train.tar (1,000 synsets), "
            + "ILSVRC2012_img_val.tar and ILSVRC2012_devkit_t12.tar.gz with those classes and labels.")
    Path ilsvrcLabels;

    @Option(names = "--per-synset", defaultValue = "3", description = "With --ilsvrc2012-labels: train images per synset (default: ${DEFAULT-VALUE}).")
    int perSynset;

    @Option(names = "--val-images", defaultValue = "2000", description = "With --ilsvrc2012-labels: validation images, the first N of the ground truth (default: ${DEFAULT-VALUE}).")
    int valImages;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (ilsvrcLabels != null) {
            Ilsvrc2012ReleaseGenerator.Release r = Ilsvrc2012ReleaseGenerator
                    .fromDevkit(ilsvrcLabels.resolve("meta.mat"), ilsvrcLabels.resolve("ILSVRC2012_validation_ground_truth.txt"))
                    .generate(new Ilsvrc2012ReleaseGenerator.Spec(perSynset, valImages, seed,
                            "folders".equals(layout) ? Ilsvrc2012ReleaseGenerator.Layout.FOLDERS
                                    : Ilsvrc2012ReleaseGenerator.Layout.TARS), output);
            System.out.println("generated an ILSVRC-2012-shaped release: --input " + r.train() + " --val-input "
                    + r.validation() + " --devkit " + r.devkit());
            return 0;
        }
        InputLayout chosen;
        SampleCorpusGenerator.Shape sized;
        try {
            chosen = InputLayout.fromCode(layout);
            sized = SampleCorpusGenerator.Shape.fromCode(shape);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        SampleCorpusGenerator.Summary s = new SampleCorpusGenerator(
                new SampleCorpusGenerator.Spec(synsets, largest, seed, chosen, sized)).generate(output);
        System.out.println("generated " + described(s) + " (" + s.bytes() + " bytes, layout " + layout + "): " + s.input());
        return 0;
    }

    /** What was generated as {@code count} will count it: a tar damaged on purpose is one more member. */
    static String described(SampleCorpusGenerator.Summary s) {
        String members = s.members() + " members in " + s.synsets() + " synsets";
        return s.damagedTars() == 0 ? members
                : members + ", plus " + s.damagedTars() + " damaged tar tail" + (s.damagedTars() == 1 ? "" : "s")
                        + " that count lists as a member (" + (s.members() + s.damagedTars()) + " in all, rejected as "
                        + RejectReason.DAMAGED_SOURCE.code() + ")";
    }

    static SampleCorpusGenerator.Summary generate(Path output, int synsets, int largest, long seed, InputLayout layout)
            throws java.io.IOException {
        return new SampleCorpusGenerator(new SampleCorpusGenerator.Spec(synsets, largest, seed, layout)).generate(output);
    }
}
