package org.imagenetwds.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A real YARN on loopback beside a {@link MiniHdfs}: one ResourceManager (FIFO scheduler: the
 * minicluster jar ships no capacity-scheduler.xml) and one NodeManager that runs each container as
 * its own JVM, with physical/virtual memory checks off (one machine); the container JVMs' peak
 * resident memory is sampled from /proc while they run. {@link #confDir} holds the
 * client configuration spark-submit reads through HADOOP_CONF_DIR.
 */
final class MiniYarn implements AutoCloseable {

    final MiniYARNCluster cluster;
    final Path confDir;
    final YarnClient client;
    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor();
    /** Peak resident memory (MB) seen per container JVM. */
    private final Map<String, Long> peakMemoryMb = new ConcurrentHashMap<>();

    private MiniYarn(MiniHdfs hdfs, Path dir) throws IOException {
        YarnConfiguration conf = new YarnConfiguration(hdfs.fs.getConf());
        conf.set("fs.defaultFS", hdfs.root);
        conf.set(YarnConfiguration.RM_SCHEDULER, "org.apache.hadoop.yarn.server.resourcemanager.scheduler.fifo.FifoScheduler");
        conf.setInt(YarnConfiguration.NM_PMEM_MB, 8192);
        conf.setInt(YarnConfiguration.NM_VCORES, 4);
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 8192);
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
        conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        conf.set("yarn.nodemanager.local-dirs", dir.resolve("nm-local").toString());
        conf.set("yarn.nodemanager.log-dirs", dir.resolve("nm-logs").toString());
        cluster = new MiniYARNCluster("imagenet-wds", 1, 1, 1);
        cluster.init(conf);
        cluster.start();
        Configuration client = new Configuration(cluster.getConfig());
        client.unset("net.topology.node.switch.mapping.impl"); // a test-only StaticMapping class
        confDir = Files.createDirectories(dir.resolve("hadoop-conf"));
        for (String file : List.of("core-site.xml", "yarn-site.xml")) {
            try (OutputStream out = Files.newOutputStream(confDir.resolve(file))) {
                client.writeXml(out);
            }
        }
        this.client = YarnClient.createYarnClient();
        this.client.init(client);
        this.client.start();
        monitor.scheduleAtFixedRate(this::sampleContainerMemory, 1, 1, TimeUnit.SECONDS);
    }

    static MiniYarn start(MiniHdfs hdfs, Path dir) throws IOException {
        return new MiniYarn(hdfs, dir);
    }

    List<ApplicationReport> applications() throws Exception {
        return client.getApplications();
    }

    int attempts(ApplicationReport app) throws Exception {
        return client.getApplicationAttempts(app.getApplicationId()).size();
    }

    /** Container JVM (role and pid) → its peak resident memory in MB. */
    Map<String, Long> peakMemoryMb() {
        return Map.copyOf(peakMemoryMb);
    }

    /**
     * The peak resident memory (VmHWM) of each container JVM (the Spark ApplicationMaster/driver and the
     * executors), read from /proc while they run: what YARN's memory enforcement would measure.
     */
    private void sampleContainerMemory() {
        ProcessHandle.allProcesses().forEach(p -> {
            if (!p.info().command().orElse("").endsWith("/java")) {
                return; // the container's launch script, not its JVM
            }
            String command = p.info().commandLine().orElse("");
            String role = command.contains("deploy.yarn.ApplicationMaster") ? "driver (AM)"
                    : command.contains("YarnCoarseGrainedExecutorBackend") ? "executor" : null;
            if (role == null) {
                return;
            }
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        long mb = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                        peakMemoryMb.merge(role + " pid " + p.pid(), mb, Math::max);
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the container ended between the listing and the read
            }
        });
    }

    @Override
    public void close() {
        monitor.shutdownNow();
        client.stop();
        cluster.stop();
    }
}
