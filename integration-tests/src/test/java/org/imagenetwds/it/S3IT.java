package org.imagenetwds.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.imagenetwds.cli.ImagenetWds;
import org.imagenetwds.dataset.InputLayout;
import org.imagenetwds.sample.SampleCorpusGenerator;
import org.imagenetwds.spark.OutputFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline against a real S3 server: S3Proxy (in-memory backend) as its own process on a
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

    /**
     * The README's S3 run (keys as {@code --conf}, the project's Spark settings) through a proxy that
     * makes no faults and counts the requests on the per-synset input objects: byte-identical to the
     * local run, the secret in no log line and no output file, and a written sample is one GET and no
     * HEAD (the inventory knows where each read ends).
     */
    @Test
    void s3InAndOutIsByteIdenticalToTheLocalRunAndKeepsTheSecretOutOfLogsAndOutputs() throws Exception {
        int samples = writtenSamples(localReference);
        // run as its own process, as spark-submit would, so that every log line can be read
        Path log = dir.resolve("s3-run.log");
        try (FaultyS3Proxy counter = FaultyS3Proxy.start(s3.port, "/" + s3.bucket + "/raw/")) {
            List<String> extra = new ArrayList<>(s3.s3aConfWithKeys(counter.endpoint()));
            extra.addAll(PipelineRuns.withProjectDefaults());
            PipelineRuns.runJvm("s3", PipelineRuns.runArgs(s3.uri("raw/fall11/"), s3.uri("datasets/in12k"),
                    PipelineRuns.OPTIONS, extra), log, Map.of());
            Map<String, Integer> counts = counter.forwarded();
            System.out.printf("REQUESTS synset-objects, %d samples written: %s%n", samples, counts);
            // the input's own status, a few times a run; before, one HEAD per sample read
            assertTrue(counts.getOrDefault("HEAD input", 0) <= 3, counts.toString());
            // count: one GET per tar; write: one per sample
            assertEquals(12 + samples, counts.getOrDefault("GET input", 0), counts.toString());
        }

        Path fromS3 = s3.download("datasets/in12k/", dir.resolve("from-s3"));
        OutputFiles.assertSameBytes(localReference, fromS3);
        assertFalse(Files.exists(fromS3.resolve("_tmp")), "temporary shards left in the bucket");
        PipelineRuns.assertSecretAbsent(s3.secret, List.of(log, fromS3));
    }

    /**
     * Storage timeouts scaled down from {@code conf/spark-defaults.conf} (30 s read, 60 s per request),
     * retry counts kept: a call that gets no answer fails after 2 SDK attempts x 2 S3A tries x 5 s + 1 s
     * = 21 s.
     */
    private static final List<String> SHORT_S3A_TIMEOUTS = List.of(
            "--conf", "spark.hadoop.fs.s3a.connection.timeout=5000",
            "--conf", "spark.hadoop.fs.s3a.connection.request.timeout=10s");

    /**
     * The store stops answering while write reads the samples (a proxy keeps the connections open and
     * passes no byte: the server looks alive): the run, with the project's Spark settings, fails within
     * 90 s (the failing call and the clean-up's calls into the same silence, 21 s each) with one line
     * naming the store, the call and the object; once the store answers again, the same command resumes
     * and ends byte-identical to the local run.
     */
    @Test
    void aStoreThatStopsAnsweringFailsTheRunInBoundedTimeAndTheSameCommandThenResumes() throws Exception {
        try (StallingProxy proxy = StallingProxy.start(s3.port)) {
            List<String> extra = new ArrayList<>(s3.s3aConf("http://127.0.0.1:" + proxy.port()));
            extra.addAll(PipelineRuns.withProjectDefaults());
            extra.addAll(SHORT_S3A_TIMEOUTS);
            String out = "datasets/stalled/";
            List<String> args = PipelineRuns.runArgs(s3.uri("raw/fall11/"), s3.uri(out), PipelineRuns.OPTIONS, extra);

            StalledRun.Failure failure = StalledRun.failsWithin(90, "s3-stalled", proxy, "split: done",
                    "GET /" + s3.bucket + "/raw/fall11/", args, dir.resolve("stalled.log"), s3.credentialsEnv());
            // whichever call meets the stall first: "<call> on|of s3a://imagenet/<key>: ..."
            assertTrue(failure.line().matches("imagenet-wds: storage did not answer in time: \\S.* (on|of) "
                    + Pattern.quote(s3.uri("")) + "\\S+: .*"), failure.line());

            proxy.resume();
            PipelineRuns.runJvm("s3-after-stall", args, dir.resolve("after-stall.log"), s3.credentialsEnv());
            OutputFiles.assertSameBytes(localReference, s3.download(out, dir.resolve("after-stall")));
        }
    }

    /** The outer tar on S3: its headers are indexed by seeking, each inner tar read as a byte range. */
    @Test
    void theOuterTarOnS3WithLocalOutputIsByteIdenticalToo() throws IOException {
        Path out = dir.resolve("out-mixed");
        assertEquals(0, ImagenetWds.execute(new ArrayList<>(args(s3.uri("raw/fall11_whole.tar"), out.toString()))
                .toArray(String[]::new)));
        OutputFiles.assertSameBytes(localReference, out);
    }

    /**
     * {@code --decontaminate} with both evaluation sets on S3: a tar (its headers indexed by seeking, its runs
     * read as byte ranges) and a folder of class folders (listed by prefix); real photographs, so that none
     * is near a generated input image. Skipped without {@code ../shared}.
     */
    @Test
    void evaluationSetsOnS3AreReadAsATarAndAFolderOfClassFolders() throws IOException {
        Path samples = Path.of(System.getProperty("imagenetwds.shared", "../../shared"), "data", "imagenet-samples");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(samples), "skipping: " + samples + " not found");
        List<Path> photos;
        try (java.util.stream.Stream<Path> files = Files.list(samples)) {
            photos = files.filter(p -> p.toString().endsWith(".JPEG")).sorted().skip(200).limit(5).toList();
        }
        List<org.imagenetwds.sample.ReleaseMember> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(org.imagenetwds.sample.ReleaseMember.file("val/" + photos.get(i).getFileName(),
                    Files.readAllBytes(photos.get(i))));
        }
        Path tar = Files.createDirectories(dir.resolve("eval-tar"));
        Files.write(tar.resolve("val.tar"), org.imagenetwds.sample.ReleaseTar.bytes(members));
        s3.upload(tar, "eval/");
        for (int c = 0; c < 2; c++) {
            Path folder = Files.createDirectories(dir.resolve("eval-v2").resolve(Integer.toString(c)));
            Files.copy(photos.get(3 + c), folder.resolve("image.jpeg"));
            s3.upload(folder, "eval/v2/" + c + "/");
        }
        // the dedup stage alone, on a copy of the local reference's work folder: count and select already ran there
        Path out = dir.resolve("out-decontaminated");
        Path work = localReference.resolve("_work");
        try (java.util.stream.Stream<Path> files = Files.walk(work)) {
            for (Path f : files.toList()) {
                Path to = out.resolve("_work").resolve(work.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        List<String> stage = new ArrayList<>(args(PipelineRuns.standardInput().toString(), out.toString()));
        stage.set(0, "dedup");
        stage.addAll(List.of("--decontaminate", s3.uri("eval/val.tar") + "," + s3.uri("eval/v2")));
        assertEquals(0, ImagenetWds.execute(stage.toArray(String[]::new)));

        assertEquals(Map.of("val.tar", 3, "v2", 2), new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                out.resolve("_work/evaluation-images.json").toFile(), Map.class), "images read of each set");
        assertEquals(0, org.imagenetwds.spark.io.ParquetTables.rowCount(new org.apache.hadoop.fs.Path(
                out.resolve("_work/decontaminated").toUri()), new org.apache.hadoop.conf.Configuration()),
                "real photographs are near no generated image");
    }

    /**
     * S3A's back-off scaled down from {@code conf/spark-defaults.conf} (1 s, doubling per retry) to Hadoop's
     * default 100 ms, retry counts kept: what this test proves is that the retries outlast the faults,
     * not how long they wait.
     */
    private static final List<String> SHORT_S3A_BACKOFF = List.of(
            "--conf", "spark.hadoop.fs.s3a.retry.throttle.interval=100ms",
            "--conf", "spark.hadoop.fs.s3a.retry.interval=100ms");

    /**
     * S3 under load. A proxy between the run and S3Proxy answers one distinct request in 30 with 503
     * Slow Down twice, which the AWS SDK's own retry ({@code fs.s3a.attempts.maximum} 1) does not outlast,
     * and cuts the GET that gets through halfway: only S3A's throttle retries of a stream's first GET
     * ({@link org.imagenetwds.spark.io.ReadPolicy}) and of the work tables' Parquet reads
     * ({@link org.imagenetwds.spark.io.ReopeningS3AFileSystem}) let the README's S3 run from the one
     * whole tar, the harder case (every read is a range of one object, the outer tar's header walk
     * included), end with the local run's bytes (no cut image reaches a shard). The requests a sample
     * costs are counted on the plain run above; the figures for the other combinations are in
     * docs/SCALING.md.
     */
    @Test
    void slowDownsAndCutBodiesCostRetriesNotTheRun() throws Exception {
        try (FaultyS3Proxy proxy = FaultyS3Proxy.start(s3.port, "/" + s3.bucket + "/raw/")) {
            proxy.faults(30, 2);
            String name = "whole-tar-faults";
            List<String> extra = new ArrayList<>(s3.s3aConf(proxy.endpoint()));
            extra.addAll(PipelineRuns.withProjectDefaults());
            extra.addAll(SHORT_S3A_BACKOFF);
            long start = System.nanoTime();
            PipelineRuns.runJvm(name, PipelineRuns.runArgs(s3.uri("raw/fall11_whole.tar"), s3.uri("datasets/" + name),
                    PipelineRuns.OPTIONS, extra), dir.resolve(name + ".log"), s3.credentialsEnv());
            System.out.printf("FAULTS whole-tar: %d slow-downs and %d cut bodies, %d requests forwarded; %.1f s%n",
                    proxy.slowDowns(), proxy.cuts(), proxy.forwarded().values().stream().mapToInt(Integer::intValue).sum(),
                    (System.nanoTime() - start) / 1e9);
            assertTrue(proxy.slowDowns() > 0 && proxy.cuts() > 0, "faults made on the whole tar");
            OutputFiles.assertSameBytes(localReference, s3.download("datasets/" + name + "/", dir.resolve(name)));
        }
    }

    /** Samples in the shards of a local output. */
    private static int writtenSamples(Path output) throws IOException {
        try (var walk = Files.walk(output)) {
            List<String> shards = walk.filter(p -> p.toString().endsWith(".tar")).map(p -> output.relativize(p).toString()).toList();
            return OutputFiles.samplesPerLabel(output, shards).values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
