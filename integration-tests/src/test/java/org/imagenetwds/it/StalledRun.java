package org.imagenetwds.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A pipeline run, in its own JVM, whose storage stops answering part-way (a {@link StallingProxy}
 * between them): it must fail with exit status 1 within a time limit after the stall, its first line
 * naming its Spark settings file and its last {@code imagenet-wds:} line saying why it failed.
 */
final class StalledRun {

    /** How long after the stall the run failed, and its failure line. */
    record Failure(double secondsAfterStall, String line) {
    }

    private StalledRun() {
    }

    /**
     * Starts the run; once its log shows {@code armAfter} (or at once when null) makes the proxy stall
     * on {@code stallOn}; then the run must fail within {@code limitSeconds} of the stall.
     */
    static Failure failsWithin(long limitSeconds, String name, StallingProxy proxy, String armAfter, String stallOn,
            List<String> args, Path log, Map<String, String> env) throws IOException, InterruptedException {
        Jvm.Started run = PipelineRuns.startJvm(name, args, log, env);
        if (armAfter != null) {
            awaitLogLine(run, armAfter);
        }
        proxy.stallWhenClientSends(stallOn);
        assertTrue(proxy.awaitStalled(5, TimeUnit.MINUTES), name + ": the call the proxy stalls on never came: " + run.tail());
        long stalledAt = System.nanoTime();
        assertTrue(run.process().waitFor(limitSeconds, TimeUnit.SECONDS),
                name + ": still running " + limitSeconds + " s after its storage stopped answering: " + run.tail());
        double seconds = (System.nanoTime() - stalledAt) / 1e9;
        Jvm.printWall(name, run.startNanos());
        assertEquals(1, run.process().exitValue(), name + ": " + run.tail());

        List<String> lines = Files.readAllLines(log);
        assertEquals(PipelineRuns.settingsLine(), lines.get(0), name + ": the first line should name the Spark settings file");
        List<String> ours = lines.stream().filter(l -> l.startsWith("imagenet-wds: ")).toList();
        String last = ours.get(ours.size() - 1); // the CLI's exit line
        assertEquals(1, ours.stream().filter(last::equals).count(), name + ": " + ours);
        System.out.printf("%s: failed %.1f s after its storage stopped answering: %s%n", name, seconds, last);
        return new Failure(seconds, last);
    }

    private static void awaitLogLine(Jvm.Started run, String prefix) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (Files.readAllLines(run.log()).stream().noneMatch(l -> l.startsWith(prefix))) {
            assertTrue(run.process().isAlive() && System.nanoTime() < deadline,
                    run.name() + ": no line starting with '" + prefix + "': " + run.tail());
            Thread.sleep(50);
        }
    }
}
