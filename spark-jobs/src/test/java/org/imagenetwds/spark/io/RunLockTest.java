package org.imagenetwds.spark.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.imagenetwds.spark.PipelineFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run lock on the local file system (HdfsIT takes it on a real HDFS). */
class RunLockTest {

    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    private org.apache.hadoop.fs.Path work() {
        return new org.apache.hadoop.fs.Path(dir.resolve("work").toUri());
    }

    @Test
    void aSecondRunIsRefusedUntilTheFirstReleases() throws Exception {
        try (RunLock first = RunLock.acquire(work(), conf, "app-1")) {
            PipelineFailure refused = assertThrows(PipelineFailure.class, () -> RunLock.acquire(work(), conf, "app-2"));
            assertTrue(refused.getMessage().startsWith("another run is using this work folder: run "), refused.getMessage());
            assertTrue(refused.getMessage().contains("pid " + ProcessHandle.current().pid()), refused.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("work/_lock.json")), "the lock outlived its run");
        assertDoesNotThrow(() -> RunLock.acquire(work(), conf, "app-1").close());
    }

    @Test
    void aLockWhoseProcessIsGoneIsTakenOver() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(1, java.util.concurrent.TimeUnit.MINUTES), "`true` did not exit");
        writeLock(InetAddress.getLocalHost().getHostName(), gone.pid());
        assertDoesNotThrow(() -> RunLock.acquire(work(), conf, "app-1").close());
    }

    @Test
    void aLockFromAnotherHostIsTakenOverOnlyOnceItsHeartbeatIsStale() throws Exception {
        Path lock = writeLock("some-other-host", 1);
        assertThrows(PipelineFailure.class, () -> RunLock.acquire(work(), conf, "app-1"));
        Files.setLastModifiedTime(lock, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 121_000));
        assertDoesNotThrow(() -> RunLock.acquire(work(), conf, "app-1").close());
    }

    /** YARN restarts a lost driver as a new attempt of the same application, maybe on another host. */
    @Test
    void aLaterAttemptOfTheSameApplicationTakesItsLockOver() throws Exception {
        writeLock("some-other-host", 1);
        assertThrows(PipelineFailure.class, () -> RunLock.acquire(work(), conf, "app-1"));
        assertDoesNotThrow(() -> RunLock.acquire(work(), conf, "app-0").close());
    }

    @Test
    void aRunWhoseLockWasTakenOverFailsWhenItEnds() throws Exception {
        RunLock first = RunLock.acquire(work(), conf, "app-1");
        Files.delete(dir.resolve("work/_lock.json"));
        RunLock second = RunLock.acquire(work(), conf, "app-2");
        // the first run's heartbeat would notice within 30 s; at its end it finds another run's lock
        PipelineFailure e = assertThrows(PipelineFailure.class, first::close);
        assertTrue(e.getMessage().contains("was taken over"), e.getMessage());
        second.close();
        assertFalse(Files.exists(dir.resolve("work/_lock.json")));
    }

    private Path writeLock(String host, long pid) throws Exception {
        Path lock = Files.createDirectories(dir.resolve("work")).resolve("_lock.json");
        Files.writeString(lock, "{\"run_id\":\"r1\",\"application\":\"app-0\",\"host\":\"" + host + "\",\"pid\":" + pid
                + ",\"started\":\"then\"}\n");
        return lock;
    }
}
