package org.imagenetwds.spark.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.imagenetwds.spark.PipelineFailure;

/**
 * One run at a time per work folder: {@code <work>/_lock.json}, created exclusively when the run
 * starts, rewritten every {@link #HEARTBEAT} while it goes on, deleted when it ends. A second run
 * (a schedule that fires while the last run still goes) refuses with one line naming the holder. A
 * lock whose last heartbeat is older than the stale limit ({@value #STALE_KEY}, default 120 s: four
 * missed heartbeats), or whose holder is a process of this host that no longer exists, belongs to a
 * run that died without cleaning up (killed, or its machine lost), and is taken over.
 *
 * <p>Exclusive creation is atomic on HDFS and local files. S3A (Hadoop 3.3.4) has no conditional
 * write, so on S3 the lock is checked, written and read back: two runs starting within the same
 * second can both pass, which a schedule's minutes apart never do.
 */
public final class RunLock implements AutoCloseable {

    public static final Duration HEARTBEAT = Duration.ofSeconds(30);
    public static final String STALE_KEY = "imagenetwds.lock.stale-seconds";
    private static final long DEFAULT_STALE_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final FileSystem fs;
    private final Map<String, Object> owner;
    private final ScheduledExecutorService heartbeat;

    private RunLock(Path path, FileSystem fs, Map<String, Object> owner) {
        this.path = path;
        this.fs = fs;
        this.owner = owner;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imagenet-wds-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
    }

    /** @throws PipelineFailure when another live run holds the lock */
    public static RunLock acquire(Path work, Configuration conf) throws IOException {
        Path path = new Path(work, "_lock.json");
        FileSystem fs = Storage.fs(path, conf);
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("run_id", UUID.randomUUID().toString());
        owner.put("host", InetAddress.getLocalHost().getHostName());
        owner.put("pid", ProcessHandle.current().pid());
        owner.put("jvm", ManagementFactory.getRuntimeMXBean().getName());
        owner.put("started", Instant.now().toString());
        try {
            write(fs, path, owner, false);
        } catch (FileAlreadyExistsException held) {
            takeOverIfStale(fs, path, conf.getLong(STALE_KEY, DEFAULT_STALE_SECONDS));
            write(fs, path, owner, true);
        }
        Map<String, Object> readBack = read(fs, path);
        if (readBack == null || !owner.get("run_id").equals(readBack.get("run_id"))) {
            throw new PipelineFailure("another run took the lock " + path + " at the same moment: " + describe(readBack));
        }
        return new RunLock(path, fs, owner);
    }

    private static void takeOverIfStale(FileSystem fs, Path path, long staleSeconds) throws IOException {
        FileStatus status = fs.getFileStatus(path);
        long ageSeconds = (System.currentTimeMillis() - status.getModificationTime()) / 1000;
        Map<String, Object> holder = read(fs, path);
        if (ageSeconds <= staleSeconds && !deadOnThisHost(holder)) {
            throw new PipelineFailure("another run is using this work folder: " + describe(holder) + ", last heartbeat "
                    + ageSeconds + " s ago (" + path + "; if that run is dead, delete the file or wait "
                    + (staleSeconds - ageSeconds) + " s)");
        }
        System.err.println("imagenet-wds: taking over the lock of a run that stopped without releasing it: "
                + describe(holder) + ", last heartbeat " + ageSeconds + " s ago"
                + (deadOnThisHost(holder) ? ", process gone" : ""));
    }

    private static boolean deadOnThisHost(Map<String, Object> holder) throws IOException {
        return holder != null && InetAddress.getLocalHost().getHostName().equals(holder.get("host"))
                && holder.get("pid") instanceof Number pid && ProcessHandle.of(pid.longValue()).isEmpty();
    }

    private static String describe(Map<String, Object> holder) {
        if (holder == null) {
            return "an unreadable lock";
        }
        return "run " + holder.get("run_id") + " on " + holder.get("host") + " (pid " + holder.get("pid") + "), started "
                + holder.get("started");
    }

    private static void write(FileSystem fs, Path path, Map<String, Object> owner, boolean overwrite) throws IOException {
        try (FSDataOutputStream out = fs.create(path, overwrite)) {
            out.write(JSON.writeValueAsBytes(owner));
            out.write('\n');
        }
    }

    private static Map<String, Object> read(FileSystem fs, Path path) {
        try {
            return JSON.readValue(Storage.read(path, fs.getConf()), new TypeReference<Map<String, Object>>() { });
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** Rewrites the lock (its modification time is the heartbeat), unless another run took it over. */
    private void beat() {
        try {
            Map<String, Object> current = read(fs, path);
            if (current != null && owner.get("run_id").equals(current.get("run_id"))) {
                write(fs, path, owner, true);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("imagenet-wds: cannot renew the run lock " + path + ": " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        heartbeat.shutdownNow();
        Map<String, Object> current = read(fs, path);
        if (current != null && owner.get("run_id").equals(current.get("run_id"))) {
            fs.delete(path, false);
        }
    }
}
