package org.imagenetwds.it;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A real YARN on loopback beside a {@link MiniHdfs}: one ResourceManager (FIFO scheduler: the
 * minicluster jar ships no capacity-scheduler.xml) and one NodeManager that runs each container as
 * its own JVM, with physical/virtual memory checks off (one machine) and container metrics on, so the
 * containers' peak memory can be read from the NodeManager's metrics. {@link #confDir} holds the
 * client configuration spark-submit reads through HADOOP_CONF_DIR.
 */
final class MiniYarn implements AutoCloseable {

    final MiniYARNCluster cluster;
    final Path confDir;
    final YarnClient client;
    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor();
    /** Peak physical memory (MB) seen per container, from the NodeManager's container metrics. */
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
        conf.setBoolean(YarnConfiguration.NM_CONTAINER_METRICS_ENABLE, true);
        conf.setLong(YarnConfiguration.NM_CONTAINER_MON_INTERVAL_MS, 1000);
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

    /** Container id → the largest physical memory (MB) its metrics showed while it ran. */
    Map<String, Long> peakMemoryMb() {
        return Map.copyOf(peakMemoryMb);
    }

    private void sampleContainerMemory() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            // the RM and NM share one metrics system in this JVM: the service key is whichever started first
            for (ObjectName name : server.queryNames(new ObjectName("Hadoop:*"), null)) {
                String source = name.getKeyProperty("name");
                if (source == null || !source.startsWith("ContainerResource_")) {
                    continue;
                }
                String container = source.substring("ContainerResource_".length());
                for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
                    if (a.getName().startsWith("PMemUsageMBs") && a.getName().endsWith("MaxMBs")
                            && server.getAttribute(name, a.getName()) instanceof Number mb) {
                        peakMemoryMb.merge(container, mb.longValue(), Math::max);
                    }
                }
            }
        } catch (Exception e) {
            // a container unregistering between the query and the read: the next sample has it
        }
    }

    @Override
    public void close() {
        monitor.shutdownNow();
        client.stop();
        cluster.stop();
    }
}
