package org.imagenetwds.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.imagenetwds.dataset.InputLayout;
import org.imagenetwds.sample.SampleCorpusGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code generate-sample}: a small fall11-shaped input of generated images, with odd members. */
@Command(name = "generate-sample", mixinStandardHelpOptions = true,
        description = "Write a fall11-shaped input of generated images (long-tailed classes, a few odd members).")
public final class GenerateSampleCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder to create the input in.")
    Path output;

    @Option(names = "--synsets", defaultValue = "40", description = "Number of synsets (default: ${DEFAULT-VALUE}).")
    int synsets;

    @Option(names = "--largest", defaultValue = "60", description = "Images in the largest synset (default: ${DEFAULT-VALUE}).")
    int largest;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the generator (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--layout", defaultValue = "synset-tars",
            description = "synset-tars, fall11-tar or folders (default: ${DEFAULT-VALUE}).")
    String layout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        InputLayout chosen;
        try {
            chosen = InputLayout.fromCode(layout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        SampleCorpusGenerator.Summary s = generate(output, synsets, largest, seed, chosen);
        System.out.println("generated " + s.members() + " members in " + s.synsets() + " synsets (" + s.bytes()
                + " bytes, layout " + layout + "): " + s.input());
        return 0;
    }

    static SampleCorpusGenerator.Summary generate(Path output, int synsets, int largest, long seed, InputLayout layout)
            throws java.io.IOException {
        return new SampleCorpusGenerator(new SampleCorpusGenerator.Spec(synsets, largest, seed, layout)).generate(output);
    }
}
