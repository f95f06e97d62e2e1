package org.imagenetwds.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.imagenetwds.cli.ImagenetWds;
import org.imagenetwds.dataset.InputLayout;
import org.imagenetwds.sample.SampleCorpusGenerator;
import org.imagenetwds.spark.OutputFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline against a real HDFS: a NameNode and a DataNode (Hadoop's MiniDFSCluster) on loopback.
 * Input and output on {@code hdfs://}, and HDFS in with local out, each byte-identical to the run on
 * the local file system.
 */
class HdfsIT {

    @TempDir
    static Path dir;

    private static MiniDFSCluster cluster;
    private static FileSystem hdfs;
    private static String root;
    private static Path localReference;

    @BeforeAll
    static void startHdfsAndRunLocally() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        hdfs = cluster.getFileSystem();
        root = "hdfs://127.0.0.1:" + cluster.getNameNodePort();

        Path input = dir.resolve("input");
        new SampleCorpusGenerator(new SampleCorpusGenerator.Spec(12, 30, 5, InputLayout.SYNSET_TARS)).generate(input);
        hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(input.toUri()), new org.apache.hadoop.fs.Path(root + "/raw/fall11"));
        localReference = dir.resolve("out-local");
        assertEquals(0, run(input.toString(), localReference.toString()));
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    private static int run(String input, String output) {
        List<String> args = new ArrayList<>(List.of("run", "--input", input, "--output", output, "--classes", "8",
                "--val-per-class", "3", "--train-shards", "4", "--val-shards", "2", "--max-reject-fraction", "0.1",
                "--master", "local[2]"));
        return ImagenetWds.execute(args.toArray(String[]::new));
    }

    private static Path fetch(String hdfsDir, String name) throws IOException {
        Path local = dir.resolve(name);
        hdfs.copyToLocalFile(new org.apache.hadoop.fs.Path(hdfsDir), new org.apache.hadoop.fs.Path(local.toUri()));
        return local;
    }

    @Test
    void hdfsInAndOutIsByteIdenticalToTheLocalRun() throws IOException {
        String out = root + "/datasets/imagenet12k";
        assertEquals(0, run(root + "/raw/fall11", out));
        assertTrue(hdfs.exists(new org.apache.hadoop.fs.Path(out + "/_info.json")));
        assertTrue(hdfs.exists(new org.apache.hadoop.fs.Path(out + "/_meta/manifest/_SUCCESS")));
        assertFalse(hdfs.exists(new org.apache.hadoop.fs.Path(out + "/_tmp")), "temporary shards left on HDFS");
        OutputFiles.assertSameBytes(localReference, fetch(out, "from-hdfs"));
    }

    @Test
    void hdfsInLocalOutIsByteIdenticalToo() throws IOException {
        Path out = dir.resolve("out-mixed");
        assertEquals(0, run(root + "/raw/fall11", out.toString()));
        OutputFiles.assertSameBytes(localReference, out);
    }
}
