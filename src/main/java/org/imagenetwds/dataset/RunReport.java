package org.imagenetwds.dataset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What one {@code run} did, stage by stage: wall time, items (members, samples), rate, bytes read
 * and written, rejects. Printed as a table at the end of the run and appended to
 * {@code _meta/run-report.json}, so that scheduled re-runs keep a history.
 */
public final class RunReport {

    /** One stage of the run; {@code ran} is false when it was skipped as up to date. */
    public record StageRun(String stage, boolean ran, double seconds, String itemName, long items, long rejected,
                           long bytesRead, long bytesWritten) {

        public double itemsPerSecond() {
            return seconds > 0 ? items / seconds : 0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String started;
    private final List<StageRun> stages = new ArrayList<>();
    private Map<String, Long> repairedByKind = Map.of();

    /** @param started when the run started (ISO-8601) */
    public RunReport(String started) {
        this.started = started;
    }

    public void add(StageRun stage) {
        stages.add(stage);
    }

    /** The written samples write repaired, by kind ({@link BuildStats#repairedByKind()}). */
    public void repaired(Map<String, Long> byKind) {
        repairedByKind = new java.util.TreeMap<>(byKind);
    }

    /** True when any stage did work (a run that only skipped leaves the output as it was). */
    public boolean changedAnything() {
        return stages.stream().anyMatch(StageRun::ran);
    }

    public String table() {
        StringBuilder b = new StringBuilder(String.format("%-7s %-8s %9s %14s %10s %10s %10s %9s%n",
                "stage", "status", "time", "items", "items/s", "read", "written", "rejected"));
        for (StageRun s : stages) {
            if (!s.ran()) {
                b.append(String.format("%-7s %-8s%n", s.stage(), "skipped"));
                continue;
            }
            b.append(String.format("%-7s %-8s %8.1fs %14s %10s %10s %10s %,9d%n", s.stage(), "ran", s.seconds(),
                    String.format("%,d %s", s.items(), s.itemName()), String.format("%,.0f", s.itemsPerSecond()),
                    bytes(s.bytesRead()), bytes(s.bytesWritten()), s.rejected()));
        }
        if (!repairedByKind.isEmpty()) {
            b.append("repaired damaged JPEGs written: ").append(repairedByKind).append('\n');
        }
        return b.toString();
    }

    /** The history with this run appended (a JSON list, oldest first); {@code existing} may be null. */
    public byte[] appendTo(byte[] existing) throws IOException {
        List<Object> runs = existing == null ? new ArrayList<>()
                : JSON.readValue(existing, new TypeReference<List<Object>>() { });
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("started", started);
        List<Object> rows = new ArrayList<>();
        for (StageRun s : stages) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", s.stage());
            row.put("status", s.ran() ? "ran" : "skipped");
            if (s.ran()) {
                row.put("seconds", Math.round(s.seconds() * 10) / 10.0);
                row.put(s.itemName(), s.items());
                row.put("items_per_second", Math.round(s.itemsPerSecond()));
                row.put("bytes_read", s.bytesRead());
                row.put("bytes_written", s.bytesWritten());
                row.put("rejected", s.rejected());
            }
            rows.add(row);
        }
        run.put("stages", rows);
        if (!repairedByKind.isEmpty()) {
            run.put("repaired", repairedByKind);
        }
        runs.add(run);
        return JSON.writeValueAsBytes(runs);
    }

    static String bytes(long n) {
        if (n == 0) {
            return "-";
        }
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double v = n;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? n + " B" : String.format("%.1f %s", v, units[u]);
    }
}
