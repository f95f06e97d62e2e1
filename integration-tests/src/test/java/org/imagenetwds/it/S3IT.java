package org.imagenetwds.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.imagenetwds.cli.ImagenetWds;
import org.imagenetwds.dataset.InputLayout;
import org.imagenetwds.sample.SampleCorpusGenerator;
import org.imagenetwds.spark.OutputFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline against a real S3 server: S3Proxy (filesystem backend) as its own process on a
 * loopback port, reached through {@code s3a://} with path-style access. Outputs are byte-identical to
 * the local run, and the secret key appears in no log line and no output file.
 */
class S3IT {

    @TempDir
    static Path dir;

    private static S3ProxyServer s3;
    private static Path localReference;

    @BeforeAll
    static void startS3ProxyAndRunLocally() throws Exception {
        s3 = S3ProxyServer.start(dir, "imagenet");
        s3.upload(PipelineRuns.standardInput(), "raw/fall11/");
        Path outer = dir.resolve("outer");
        new SampleCorpusGenerator(new SampleCorpusGenerator.Spec(12, 30, 5, InputLayout.FALL11_TAR)).generate(outer);
        s3.upload(outer, "raw/");
        localReference = PipelineRuns.localReference();
    }

    @AfterAll
    static void stopS3Proxy() throws InterruptedException {
        if (s3 != null) {
            s3.close();
        }
    }

    /** Pipeline arguments; the S3A settings (keys included) are what a user passes for an S3-compatible store. */
    private static List<String> args(String input, String output) {
        return PipelineRuns.runArgs(input, output, PipelineRuns.OPTIONS, s3.s3aConfWithKeys());
    }

    @Test
    void s3InAndOutIsByteIdenticalToTheLocalRunAndKeepsTheSecretOutOfLogsAndOutputs() throws Exception {
        // run as its own process, as spark-submit would, so that every log line can be read
        Path log = dir.resolve("s3-run.log");
        PipelineRuns.runJvm("s3", args(s3.uri("raw/fall11/"), s3.uri("datasets/in12k")), log, Map.of());

        Path fromS3 = s3.download("datasets/in12k/", dir.resolve("from-s3"));
        OutputFiles.assertSameBytes(localReference, fromS3);
        assertFalse(Files.exists(fromS3.resolve("_tmp")), "temporary shards left in the bucket");
        PipelineRuns.assertSecretAbsent(s3.secret, List.of(log, fromS3));
    }

    /** The outer tar on S3: its headers are indexed by seeking, each inner tar read as a byte range. */
    @Test
    void theOuterTarOnS3WithLocalOutputIsByteIdenticalToo() throws IOException {
        Path out = dir.resolve("out-mixed");
        assertEquals(0, ImagenetWds.execute(new ArrayList<>(args(s3.uri("raw/fall11_whole.tar"), out.toString()))
                .toArray(String[]::new)));
        OutputFiles.assertSameBytes(localReference, out);
    }
}
