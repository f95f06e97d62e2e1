package org.imagenetwds.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.amazonaws.services.s3.model.MultipartUpload;
import com.amazonaws.services.s3.model.S3ObjectSummary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.imagenetwds.dataset.InputLayout;
import org.imagenetwds.sample.SampleCorpusGenerator;
import org.imagenetwds.spark.OutputFiles;
import org.imagenetwds.spark.io.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards on S3 are single objects that appear only complete. Against S3Proxy: a writer failing
 * mid-stream (after multipart parts were uploaded) leaves no object and no pending upload; a
 * {@code run} JVM SIGKILLed while a shard's multipart upload is in progress leaves no partial object
 * (every visible shard is whole), and running it again ends byte-identical to the local run.
 */
class S3AtomicWriteIT {

    /** One ~8.5 MB train shard: with 5 MB parts (S3A's minimum), a two-part upload. */
    private static final List<String> OPTIONS = List.of("--classes", "8", "--val-per-class", "3",
            "--train-shards", "1", "--val-shards", "1", "--max-reject-fraction", "0.1");
    private static final List<String> MULTIPART = List.of(
            "--conf", "spark.hadoop.fs.s3a.multipart.size=5M",
            "--conf", "spark.hadoop.fs.s3a.multipart.threshold=5M",
            "--conf", "spark.hadoop.fs.s3a.fast.upload.active.blocks=1");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static S3ProxyServer s3;
    private static Path localReference;

    @BeforeAll
    static void startS3ProxyAndRunLocally() throws Exception {
        s3 = S3ProxyServer.start(dir, "atomic");
        Path input = dir.resolve("input");
        new SampleCorpusGenerator(new SampleCorpusGenerator.Spec(8, 260, 5, InputLayout.SYNSET_TARS)).generate(input);
        s3.upload(input, "raw/big/");
        localReference = dir.resolve("out-local");
        PipelineRuns.runJvm("local-850-images", PipelineRuns.runArgs(input.toString(), localReference.toString(),
                OPTIONS, List.of()), dir.resolve("local.log"), Map.of());
    }

    @AfterAll
    static void stopS3Proxy() throws InterruptedException {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aWriterFailingMidStreamLeavesNoObjectAndNoPendingUpload() throws Exception {
        Configuration conf = s3.hadoopConf();
        conf.set("fs.s3a.multipart.size", "5M");
        conf.set("fs.s3a.fast.upload.active.blocks", "1");
        var key = new org.apache.hadoop.fs.Path(s3.uri("direct/imagenet12k-train-0000.tar"));
        var tmp = new org.apache.hadoop.fs.Path(s3.uri("direct/_tmp/imagenet12k-train-0000.tar.attempt"));
        FileSystem fs = Storage.fs(key, conf);
        assertTrue(Storage.writesWholeObjects(fs, key), "s3a should be written as whole objects");
        byte[] content = new byte[12 << 20];
        new Random(1).nextBytes(content);

        long abortedBefore = fs.getStorageStatistics().getLong("object_multipart_aborted");
        IOException failure = assertThrows(IOException.class, () -> Storage.writeAtomically(key, tmp, conf, out -> {
            out.write(content); // two 5 MB parts are uploaded while this is written
            assertFalse(s3.pendingUploads().isEmpty(), "expected a multipart upload in progress");
            // let the parts in flight land: a part still uploading when the upload is aborted may
            // survive the abort (as AWS documents; S3Proxy then lists it as a pending upload)
            sleep(1000);
            throw new IOException("source unreadable");
        }));
        assertEquals("source unreadable", failure.getMessage());
        assertEquals(List.of(), s3.objects("direct/").stream().map(S3ObjectSummary::getKey).toList(),
                "a failed write left objects");
        // Hadoop 3.3.4 counts this abort as 1, 3.4.1 (the Spark 4 line) as 2: what matters is that it
        // happened and that no upload is left pending (below)
        long countedPerAbort = fs.getStorageStatistics().getLong("object_multipart_aborted") - abortedBefore;
        assertTrue(countedPerAbort > 0, "S3A did not abort the multipart upload");
        assertEquals(List.of(), s3.pendingUploads().stream().map(MultipartUpload::getKey).toList(),
                "the multipart upload is still pending");

        // the same write without the failure: one object at the key, no temporary object
        Storage.writeAtomically(key, tmp, conf, out -> {
            out.write(content);
            return null;
        });
        assertEquals(List.of("direct/imagenet12k-train-0000.tar"),
                s3.objects("direct/").stream().map(S3ObjectSummary::getKey).toList());
        assertArrayEquals(content, s3.s3.getObject(s3.bucket, "direct/imagenet12k-train-0000.tar").getObjectContent().readAllBytes());

        // a failure while replacing it leaves the old object as it was
        assertThrows(IOException.class, () -> Storage.writeAtomically(key, tmp, conf, out -> {
            out.write(new byte[7 << 20]);
            sleep(1000);
            throw new IOException("again");
        }));
        assertArrayEquals(content, s3.s3.getObject(s3.bucket, "direct/imagenet12k-train-0000.tar").getObjectContent().readAllBytes());
        assertEquals(abortedBefore + 2 * countedPerAbort, fs.getStorageStatistics().getLong("object_multipart_aborted"),
                "the failed replacement did not abort its upload");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aRunKilledDuringAMultipartShardUploadLeavesNoPartialObjectAndResumesByteIdentical() throws Exception {
        String out = "datasets/killed/";
        List<String> extra = new ArrayList<>(s3.s3aConf());
        extra.addAll(MULTIPART);
        List<String> args = PipelineRuns.runArgs(s3.uri("raw/big/"), s3.uri(out), OPTIONS, extra);
        Jvm.Started run = PipelineRuns.startJvm("s3-killed", args, dir.resolve("killed.log"), s3.credentialsEnv());

        // SIGKILL once a shard's multipart upload has started (its first 5 MB part is uploading) and is not complete
        MultipartUpload seen = null;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (seen == null && System.nanoTime() < deadline && run.process().isAlive()) {
            for (MultipartUpload u : s3.pendingUploads()) {
                if (u.getKey().startsWith(out) && u.getKey().endsWith(".tar")) {
                    seen = u;
                }
            }
            Thread.sleep(seen == null ? 50 : 0);
        }
        assertTrue(seen != null, "no multipart upload of a shard was seen: " + run.tail());
        run.kill();
        System.out.println("S3 kill: SIGKILL while the multipart upload " + seen.getUploadId() + " of " + seen.getKey() + " was in progress");

        // nothing partial is visible: every shard object is whole, and a record, if any, matches it
        Map<String, JsonNode> records = new TreeMap<>();
        List<String> shards = new ArrayList<>();
        for (S3ObjectSummary o : s3.objects(out)) {
            String name = o.getKey().substring(out.length());
            if (name.startsWith("_work/commits/")) {
                records.put(name.substring("_work/commits/".length()).replace(".json", ""),
                        JSON.readTree(s3.s3.getObject(s3.bucket, o.getKey()).getObjectContent()));
            } else if (name.endsWith(".tar")) {
                shards.add(name);
                byte[] bytes = s3.s3.getObject(s3.bucket, o.getKey()).getObjectContent().readAllBytes();
                assertArrayEquals(Files.readAllBytes(localReference.resolve(name)), bytes, name + " is visible but not whole");
            }
        }
        System.out.println("S3 kill: the shard whose upload was seen in progress is "
                + (shards.contains(seen.getKey().substring(out.length())) ? "visible (completed before the kill landed)" : "not visible"));
        for (String shard : shards) {
            JsonNode record = records.get(shard);
            if (record == null) {
                // possible only when the kill fell between a shard's completion and its record
                System.out.println("S3 kill: " + shard + " is whole but has no commit record yet");
            } else {
                assertEquals(Files.size(localReference.resolve(shard)), record.path("result").path("bytes").asLong());
            }
        }
        System.out.println("S3 kill: visible shards " + shards + ", commit records " + records.keySet()
                + ", uploads left pending (invisible) " + s3.pendingUploads().size());

        PipelineRuns.runJvm("s3-resumed", args, dir.resolve("resumed.log"), s3.credentialsEnv());
        OutputFiles.assertSameBytes(localReference, s3.download(out, dir.resolve("from-s3")));
        PipelineRuns.assertSecretAbsent(s3.secret, List.of(dir.resolve("killed.log"), dir.resolve("resumed.log"),
                dir.resolve("from-s3")));
    }
}
