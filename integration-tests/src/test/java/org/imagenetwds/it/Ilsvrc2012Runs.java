package org.imagenetwds.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.imagenetwds.cli.ImagenetWds;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.ilsvrc.Ilsvrc2012Devkit;
import org.imagenetwds.sample.Ilsvrc2012ReleaseGenerator;
import picocli.CommandLine;

/**
 * The generated ILSVRC-2012 release (real devkit labels, 2 train images per class, the first 300
 * validation images) and its local {@code --preset imagenet1k} run with the preset's defaults,
 * shared by the tests that run it elsewhere (HDFS). Made once per test JVM.
 */
final class Ilsvrc2012Runs {

    static final Path DATA = Path.of(System.getProperty("imagenetwds.shared", "../../shared")).resolve("data/ilsvrc2012");
    static final int PER_SYNSET = 2;
    static final int VAL_IMAGES = 300;

    private static final Path SHARED = Path.of("target", "it-ilsvrc2012");
    private static Ilsvrc2012ReleaseGenerator.Release release;
    private static Path reference;

    /** A finished in-process run: exit status and standard error. */
    record Run(int status, String err) {
    }

    private Ilsvrc2012Runs() {
    }

    static Ilsvrc2012ReleaseGenerator generator() throws IOException {
        return Ilsvrc2012ReleaseGenerator.fromDevkit(DATA.resolve("meta.mat"),
                DATA.resolve("ILSVRC2012_validation_ground_truth.txt"));
    }

    /** The real devkit's labels: what every validation sample must carry. */
    static Ilsvrc2012Devkit realDevkit() throws IOException {
        return Ilsvrc2012Devkit.read(Files.readAllBytes(DATA.resolve("meta.mat")), "meta.mat",
                Files.readAllBytes(DATA.resolve("ILSVRC2012_validation_ground_truth.txt")), "ground truth");
    }

    static synchronized Ilsvrc2012ReleaseGenerator.Release release() throws IOException {
        if (release == null) {
            PipelineRuns.deleteTree(SHARED);
            release = generator().generate(new Ilsvrc2012ReleaseGenerator.Spec(PER_SYNSET, VAL_IMAGES, 5,
                    Ilsvrc2012ReleaseGenerator.Layout.TARS), SHARED.resolve("release").toAbsolutePath());
        }
        return release;
    }

    /** {@code run --preset imagenet1k} on the release with nothing else: 1,024 + 64 shards. */
    static synchronized Path localReference() throws IOException {
        if (reference == null) {
            Ilsvrc2012ReleaseGenerator.Release r = release();
            Path out = SHARED.resolve("out-local").toAbsolutePath();
            Run run = run(args(r.train().toString(), r.validation().toString(), r.devkit().toString(), out.toString()));
            assertEquals(0, run.status(), run.err());
            reference = out;
        }
        return reference;
    }

    static List<String> args(String train, String val, String devkit, String out, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--preset", "imagenet1k", "--input", train, "--val-input", val,
                "--devkit", devkit, "--output", out, "--master", "local[2]"));
        args.addAll(List.of(extra));
        return args;
    }

    static Run run(List<String> args) {
        CommandLine cli = ImagenetWds.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args.toArray(String[]::new));
        return new Run(status, err.toString());
    }

    /** Every written image of the output's shards, by sample key. */
    static java.util.Map<String, byte[]> images(Path output) throws IOException {
        java.util.Map<String, byte[]> images = new java.util.HashMap<>();
        try (var files = Files.list(output)) {
            for (Path shard : files.filter(p -> p.toString().endsWith(".tar")).toList()) {
                try (InputStream in = Files.newInputStream(shard); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
                    TarArchiveEntry e;
                    while ((e = t.getNextEntry()) != null) {
                        if (e.getName().endsWith(".jpg")) {
                            images.put(e.getName().substring(0, e.getName().length() - 4), t.readAllBytes());
                        }
                    }
                }
            }
        }
        return images;
    }

    /** A written sample: its key and json. */
    record Sample(String key, int cls, JsonNode json) {
    }

    /** The samples of a split, shard by shard in order, each shard's members in order. */
    static List<Sample> samples(Path output, String split) throws IOException {
        DatasetInfo info = DatasetInfo.parse(Files.readAllBytes(output.resolve("_info.json")));
        ObjectMapper json = new ObjectMapper();
        List<Sample> samples = new ArrayList<>();
        for (String shard : info.split(split).filenames()) {
            try (InputStream in = Files.newInputStream(output.resolve(shard)); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
                TarArchiveEntry e;
                int cls = -1;
                while ((e = t.getNextEntry()) != null) {
                    String name = e.getName();
                    String key = name.substring(0, name.indexOf('.'));
                    byte[] data = t.readAllBytes();
                    if (name.endsWith(".cls")) {
                        cls = Integer.parseInt(new String(data, StandardCharsets.US_ASCII));
                    } else if (name.endsWith(".json")) {
                        samples.add(new Sample(key, cls, json.readTree(data)));
                    }
                }
            }
        }
        return samples;
    }
}
