package org.imagenetwds.spark;

import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * What a stage has done so far, for a person following a long run and for the run report: Spark's
 * tasks (from its status tracker) and the stage's own counters (items such as members or samples,
 * rejects, bytes read and written), which tasks add to as they finish. While a stage runs, a line
 * every few seconds: tasks and items done of the total, rate, and an estimate of the time left.
 */
public final class Progress implements AutoCloseable {

    /** Seconds between progress lines (default 10; {@code --conf spark.hadoop.imagenetwds.progress.seconds=N}). */
    public static final String INTERVAL_KEY = "imagenetwds.progress.seconds";

    /** The counters a stage's tasks add to; serializable into the tasks. */
    public record Counters(LongAccumulator items, LongAccumulator rejected, LongAccumulator bytesRead,
                           LongAccumulator bytesWritten) implements Serializable {
    }

    private static volatile Progress active;

    private final SparkSession spark;
    private final PrintStream out;
    private final ScheduledExecutorService timer;
    private final long intervalSeconds;
    private ScheduledFuture<?> ticking;
    private String stage;
    private String itemName;
    private long expectedItems;
    private long startNanos;
    private final List<Counters> counters = new ArrayList<>();

    private Progress(SparkSession spark, PrintStream out, boolean quiet) {
        this.spark = spark;
        this.out = out;
        this.intervalSeconds = spark.sparkContext().hadoopConfiguration().getLong(INTERVAL_KEY, 10);
        this.timer = quiet ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imagenet-wds-progress");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts reporting for this session (one at a time per driver); {@code quiet} prints nothing. */
    public static Progress start(SparkSession spark, PrintStream out, boolean quiet) {
        Progress p = new Progress(spark, out, quiet);
        active = p;
        return p;
    }

    /**
     * The counters of the stage now running, for its tasks to add to. Outside a reported run (a
     * stage called on its own by a test) they still count, and nobody prints them.
     */
    public static Counters counters(SparkSession spark) {
        Progress p = active;
        var sc = spark.sparkContext();
        Counters c = new Counters(sc.longAccumulator("items"), sc.longAccumulator("rejected"),
                sc.longAccumulator("bytes read"), sc.longAccumulator("bytes written"));
        if (p != null) {
            synchronized (p) {
                p.counters.add(c);
            }
        }
        return c;
    }

    /** A stage begins: {@code itemName} is what it counts, {@code expectedItems} its total or 0 when unknown. */
    public synchronized void begin(String stageName, String itemName, long expectedItems) {
        this.stage = stageName;
        this.itemName = itemName;
        this.expectedItems = expectedItems;
        this.startNanos = System.nanoTime();
        counters.clear();
        if (timer != null) {
            ticking = timer.scheduleAtFixedRate(this::print, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        }
    }

    /** The stage ended: its totals. */
    public synchronized StageTotals end() {
        if (ticking != null) {
            ticking.cancel(false);
        }
        StageTotals t = new StageTotals(sum(0), sum(1), sum(2), sum(3), (System.nanoTime() - startNanos) / 1e9);
        stage = null;
        return t;
    }

    /** Items, rejects, bytes read and written, and wall time of one stage. */
    public record StageTotals(long items, long rejected, long bytesRead, long bytesWritten, double seconds) {
    }

    private long sum(int which) {
        long total = 0;
        for (Counters c : counters) {
            LongAccumulator a = switch (which) {
                case 0 -> c.items();
                case 1 -> c.rejected();
                case 2 -> c.bytesRead();
                default -> c.bytesWritten();
            };
            total += a.value();
        }
        return total;
    }

    private synchronized void print() {
        if (stage == null) {
            return;
        }
        SparkStatusTracker tracker = spark.sparkContext().statusTracker();
        int tasks = 0;
        int done = 0;
        for (int id : tracker.getActiveStageIds()) {
            SparkStageInfo info = tracker.getStageInfo(id).getOrElse(() -> null);
            if (info != null) {
                tasks += info.numTasks();
                done += info.numCompletedTasks();
            }
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long items = sum(0);
        StringBuilder line = new StringBuilder("  ").append(stage).append(": ");
        if (tasks > 0) {
            line.append(done).append('/').append(tasks).append(" tasks, ");
        }
        line.append(String.format("%,d", items));
        if (expectedItems > 0) {
            line.append(String.format(" of %,d", expectedItems));
        }
        line.append(' ').append(itemName).append(String.format(" (%,.0f/s), %s elapsed", items / Math.max(elapsed, 1e-3),
                duration(elapsed)));
        double fraction = expectedItems > 0 ? (double) items / expectedItems : tasks > 0 ? (double) done / tasks : 0;
        if (fraction > 0.02 && fraction < 1) {
            line.append(", ~").append(duration(elapsed / fraction - elapsed)).append(" left");
        }
        out.println(line);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        active = null;
    }
}
