package org.imagenetwds.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.imagenetwds.cli.ImagenetWds;
import org.imagenetwds.spark.OutputFiles;
import org.imagenetwds.spark.PipelineFailure;
import org.imagenetwds.spark.io.RunLock;
import org.imagenetwds.spark.io.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline against a real HDFS: a NameNode and a DataNode (Hadoop's MiniDFSCluster) on loopback.
 * Input and output on {@code hdfs://}, and HDFS in with local out, each byte-identical to the run on
 * the local file system; a write failing mid-stream leaves neither the file nor its temporary.
 */
class HdfsIT {

    @TempDir
    static Path dir;

    private static MiniHdfs hdfs;
    private static Path localReference;

    @BeforeAll
    static void startHdfsAndRunLocally() throws Exception {
        hdfs = MiniHdfs.start(dir);
        hdfs.put(PipelineRuns.standardInput(), "/raw/fall11");
        localReference = PipelineRuns.localReference();
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.close();
        }
    }

    @Test
    void hdfsInAndOutIsByteIdenticalToTheLocalRun() throws Exception {
        String out = hdfs.root + "/datasets/imagenet12k";
        PipelineRuns.runJvm("hdfs", PipelineRuns.runArgs(hdfs.root + "/raw/fall11", out, PipelineRuns.OPTIONS, List.of()),
                dir.resolve("hdfs-run.log"), Map.of());
        assertTrue(hdfs.fs.exists(hdfs.path("/datasets/imagenet12k/_info.json")));
        assertTrue(hdfs.fs.exists(hdfs.path("/datasets/imagenet12k/_meta/manifest/_SUCCESS")));
        assertFalse(hdfs.fs.exists(hdfs.path("/datasets/imagenet12k/_tmp")), "temporary shards left on HDFS");
        OutputFiles.assertSameBytes(localReference, hdfs.fetch("/datasets/imagenet12k", dir.resolve("from-hdfs")));
    }

    @Test
    void ilsvrc2012FromHdfsIsByteIdenticalToTheLocalRun() throws IOException {
        assumeTrue(Files.isDirectory(Ilsvrc2012Runs.DATA), "skipping: ../shared absent");
        var release = Ilsvrc2012Runs.release();
        hdfs.put(release.train(), "/raw/ilsvrc2012/ILSVRC2012_img_train.tar");
        hdfs.put(release.validation(), "/raw/ilsvrc2012/ILSVRC2012_img_val.tar");
        hdfs.put(release.devkit(), "/raw/ilsvrc2012/ILSVRC2012_devkit_t12.tar.gz");
        // a few shards: each file costs MiniDFS ~0.3 s, the preset's 1,088 are checked locally (Ilsvrc2012IT)
        String[] shards = {"--train-shards", "8", "--val-shards", "4"};
        Path local = dir.resolve("out-1k-local");
        Ilsvrc2012Runs.Run run = Ilsvrc2012Runs.run(Ilsvrc2012Runs.args(release.train().toString(),
                release.validation().toString(), release.devkit().toString(), local.toString(), shards));
        assertEquals(0, run.status(), run.err());
        String raw = hdfs.root + "/raw/ilsvrc2012/";
        run = Ilsvrc2012Runs.run(Ilsvrc2012Runs.args(raw + "ILSVRC2012_img_train.tar", raw + "ILSVRC2012_img_val.tar",
                raw + "ILSVRC2012_devkit_t12.tar.gz", hdfs.root + "/datasets/imagenet1k", shards));
        assertEquals(0, run.status(), run.err());
        OutputFiles.assertSameBytes(local, hdfs.fetch("/datasets/imagenet1k", dir.resolve("from-hdfs-1k")));
    }

    @Test
    void hdfsInLocalOutIsByteIdenticalToo() throws IOException {
        Path out = dir.resolve("out-mixed");
        List<String> args = PipelineRuns.runArgs(hdfs.root + "/raw/fall11", out.toString(), PipelineRuns.OPTIONS, List.of());
        assertEquals(0, ImagenetWds.execute(args.toArray(String[]::new)));
        OutputFiles.assertSameBytes(localReference, out);
    }

    /**
     * The NameNode stops answering while count opens the input (a proxy in front of its RPC port keeps
     * the connection open and passes no byte): with the project's Spark settings, RPC timeout scaled
     * down from 120 s to 3 s, the run fails within a minute instead of waiting for ever, naming the
     * NameNode that did not answer.
     */
    @Test
    void aNameNodeThatStopsAnsweringFailsTheRunInBoundedTime() throws Exception {
        try (StallingProxy proxy = StallingProxy.start(hdfs.cluster.getNameNodePort())) {
            String root = "hdfs://127.0.0.1:" + proxy.port();
            List<String> extra = new ArrayList<>(PipelineRuns.withProjectDefaults());
            extra.addAll(List.of("--conf", "spark.hadoop.ipc.client.rpc-timeout.ms=3000"));
            List<String> args = PipelineRuns.runArgs(root + "/raw/fall11", root + "/datasets/stalled", PipelineRuns.OPTIONS,
                    extra);
            // stalls the first call naming an input tar: a count task opening it
            StalledRun.Failure failure = StalledRun.failsWithin(60, "hdfs-stalled", proxy, null, "/raw/fall11/n", args,
                    dir.resolve("hdfs-stalled.log"), Map.of());
            // every call on the NameNode connection fails at that timeout; the line is the one of whichever
            // fails the job first (a task's read of its tar adds "cannot read <tar>: ", its Parquet output does not)
            assertTrue(failure.line().matches("imagenet-wds: storage did not answer in time: .*Call From .* to .*:"
                    + proxy.port() + " failed on socket timeout exception: .*"), failure.line());
        }
    }

    /** Temp + rename on HDFS: a writer failing mid-stream leaves the old file, and no temporary file. */
    @Test
    void aWriteFailingMidStreamLeavesTheOldFileAndNoTemporary() throws IOException {
        var conf = hdfs.fs.getConf();
        var target = hdfs.path("/atomic/shard.tar");
        var tmp = hdfs.path("/atomic/_tmp/shard.tar.attempt");
        Storage.writeAtomically(target, "old".getBytes(), conf);
        IOException failure = assertThrows(IOException.class, () -> Storage.writeAtomically(target, tmp, conf, out -> {
            out.write(new byte[3 << 20]);
            throw new IOException("source unreadable");
        }));
        assertEquals("source unreadable", failure.getMessage());
        assertArrayEquals("old".getBytes(), Storage.read(target, conf));
        assertFalse(hdfs.fs.exists(tmp), "temporary file left on HDFS");
    }

    /** The run lock is an exclusive create on HDFS: a second run on the same work folder is refused. */
    @Test
    void aSecondRunOnTheSameHdfsWorkFolderIsRefused() throws IOException {
        var work = hdfs.path("/locked/_work");
        try (RunLock first = RunLock.acquire(work, hdfs.fs.getConf(), "app-1")) {
            PipelineFailure refused = assertThrows(PipelineFailure.class, () -> RunLock.acquire(work, hdfs.fs.getConf(), "app-2"));
            assertTrue(refused.getMessage().startsWith("another run is using this work folder"), refused.getMessage());
            assertTrue(hdfs.fs.exists(hdfs.path("/locked/_work/_lock.json")));
        }
        assertFalse(hdfs.fs.exists(hdfs.path("/locked/_work/_lock.json")), "the lock outlived its run");
    }
}
