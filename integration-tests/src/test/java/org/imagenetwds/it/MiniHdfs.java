package org.imagenetwds.it;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A real NameNode and DataNode (Hadoop's MiniDFSCluster) in the test JVM, on loopback. */
final class MiniHdfs implements AutoCloseable {

    final MiniDFSCluster cluster;
    final FileSystem fs;
    /** {@code hdfs://127.0.0.1:<port>}, reachable from other JVMs on this machine too. */
    final String root;

    private MiniHdfs(Path dir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        fs = cluster.getFileSystem();
        root = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    }

    static MiniHdfs start(Path dir) throws IOException {
        return new MiniHdfs(dir);
    }

    org.apache.hadoop.fs.Path path(String path) {
        return new org.apache.hadoop.fs.Path(root + path);
    }

    void put(Path local, String path) throws IOException {
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), path(path));
    }

    /** Copies an HDFS folder to a new local folder. */
    Path fetch(String path, Path local) throws IOException {
        fs.copyToLocalFile(path(path), new org.apache.hadoop.fs.Path(local.toUri()));
        return local;
    }

    @Override
    public void close() {
        cluster.shutdown();
    }
}
