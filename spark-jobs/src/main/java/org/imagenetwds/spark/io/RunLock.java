package org.imagenetwds.spark.io;

import java.io.IOException;
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
 * (a schedule that fires while the last run still goes) refuses with one line naming the holder.
 * The lock is taken over when it belongs to a run that died without cleaning up: its heartbeat is
 * older than the stale limit ({@value #STALE_KEY}, default 120 s: four missed heartbeats), its
 * process is gone from this host (a killed run), or it is an earlier attempt of the same Spark
 * application (YARN restarting a lost driver on another host). A take-over first renames the old
 * lock away, so of two runs taking over the same stale lock only one succeeds.
 *
 * <p>Exclusive creation and rename are atomic on HDFS. Hadoop's local file system and S3A (3.3.4,
 * no conditional write) check, then write; the lock is read back to catch most races, and two runs
 * starting within the same moment could still both pass, which a schedule's minutes apart never do.
 * A run whose lock was taken over while it ran (its heartbeat stalled past the limit) is told at
 * the end and fails, since another run may have written beside it.
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
    private volatile Map<String, Object> takenBy;

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

    /**
     * @param application the Spark application id (a later attempt of the same application may take
     *                    over its earlier attempt's lock)
     * @throws PipelineFailure when another live run holds the lock
     */
    public static RunLock acquire(Path work, Configuration conf, String application) throws IOException {
        FileSystem fs = Storage.fs(work, conf);
        // qualified once: every later call reaches this file system, whatever default a cached
        // FileSystem's own configuration names for a path without a scheme
        Path path = fs.makeQualified(new Path(work, "_lock.json"));
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("run_id", UUID.randomUUID().toString());
        owner.put("application", application);
        owner.put("host", InetAddress.getLocalHost().getHostName());
        owner.put("pid", ProcessHandle.current().pid());
        owner.put("started", Instant.now().toString());
        try {
            write(fs, path, owner, false);
        } catch (FileAlreadyExistsException held) {
            takeOver(fs, path, conf.getLong(STALE_KEY, DEFAULT_STALE_SECONDS), application);
            write(fs, path, owner, false);
        }
        Map<String, Object> readBack = read(fs, path);
        if (readBack == null || !owner.get("run_id").equals(readBack.get("run_id"))) {
            throw new PipelineFailure("another run took the lock " + path + " at the same moment: " + describe(readBack));
        }
        return new RunLock(path, fs, owner);
    }

    /** Moves a dead run's lock out of the way (one rename: only one of two runs doing this wins). */
    private static void takeOver(FileSystem fs, Path path, long staleSeconds, String application) throws IOException {
        FileStatus status = fs.getFileStatus(path);
        long ageSeconds = (System.currentTimeMillis() - status.getModificationTime()) / 1000;
        Map<String, Object> holder = read(fs, path);
        String why = ageSeconds > staleSeconds ? "last heartbeat " + ageSeconds + " s ago"
                : deadOnThisHost(holder) ? "its process is gone"
                : holder != null && application.equals(holder.get("application")) ? "an earlier attempt of this application"
                : null;
        if (why == null) {
            throw new PipelineFailure("another run is using this work folder: " + describe(holder) + ", last heartbeat "
                    + ageSeconds + " s ago (" + path + "; if that run is dead, delete the file or wait "
                    + (staleSeconds - ageSeconds) + " s)");
        }
        Path aside = path.suffix(".taken-over-" + UUID.randomUUID());
        if (!fs.rename(path, aside)) {
            throw new PipelineFailure("another run took over the stale lock " + path + " first");
        }
        fs.delete(aside, false);
        System.err.println("imagenet-wds: took over the lock of a run that stopped without releasing it: "
                + describe(holder) + " (" + why + ")");
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

    /**
     * The lock's content; null when there is none or it is not JSON. A storage failure propagates: a
     * store that stops answering must fail the run with its own message, not pass for a lost lock.
     */
    private static Map<String, Object> read(FileSystem fs, Path path) throws IOException {
        byte[] bytes;
        try (java.io.InputStream in = fs.open(path)) {
            bytes = in.readAllBytes();
        } catch (java.io.FileNotFoundException gone) {
            return null;
        }
        try {
            return JSON.readValue(bytes, new TypeReference<Map<String, Object>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            return null;
        }
    }

    private boolean ours(Map<String, Object> current) {
        return current != null && owner.get("run_id").equals(current.get("run_id"));
    }

    /** Rewrites the lock (its modification time is the heartbeat); notes it when another run took it over. */
    private void beat() {
        if (takenBy != null) {
            return;
        }
        try {
            Map<String, Object> current = read(fs, path);
            if (ours(current)) {
                write(fs, path, owner, true);
            } else {
                takenBy = current == null ? Map.of("run_id", "none (the lock was deleted)") : current;
                System.err.println("imagenet-wds: the run lock " + path + " was taken over by " + describe(current));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("imagenet-wds: cannot renew the run lock " + path + ": " + e.getMessage());
        }
    }

    /**
     * Releases the lock.
     *
     * @throws PipelineFailure when another run took it over while this one ran
     */
    @Override
    public void close() throws IOException {
        heartbeat.shutdown();
        try {
            // a heartbeat already running must finish before the delete, or it could write the lock back
            heartbeat.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, Object> current = read(fs, path);
        if (ours(current)) {
            fs.delete(path, false);
            return;
        }
        Map<String, Object> other = current != null ? current : takenBy;
        if (other != null) {
            throw new PipelineFailure("the run lock " + path + " was taken over by " + describe(other)
                    + " while this run went on (its heartbeat stalled): the output may hold both runs' work; run again");
        }
    }
}
