package org.imagenetwds.spark.stages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.DatasetCard;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.plan.Selection;
import org.imagenetwds.spark.WorkPaths;
import org.imagenetwds.spark.io.Storage;

/** The small result files: {@code _info.json}, {@code _info.yaml}, {@code classes.txt}, {@code README.md}, {@code _meta/*.json}. */
final class MetaFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetaFiles() {
    }

    /** {@code _meta/frequency.json}: synset → usable count, largest first, like the published frequency_12k.json. */
    static void writeFrequency(WorkPaths paths, Map<String, Long> usable, Configuration conf) throws IOException {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(usable.entrySet());
        entries.removeIf(e -> e.getValue() == 0);
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> ordered = new LinkedHashMap<>();
        entries.forEach(e -> ordered.put(e.getKey(), e.getValue()));
        Storage.writeAtomically(paths.meta("frequency.json"), JSON.writeValueAsBytes(ordered), conf);
    }

    static void writeResults(WorkPaths paths, DatasetInfo info, BuildStats stats, Selection selection,
                             Configuration conf) throws IOException {
        Storage.writeAtomically(paths.meta("stats.json"), stats.toJson(), conf);
        Storage.writeAtomically(paths.result("classes.txt"),
                (String.join("\n", selection.synsets()) + "\n").getBytes(StandardCharsets.UTF_8), conf);
        Storage.writeAtomically(paths.result("README.md"),
                DatasetCard.render(info, stats).getBytes(StandardCharsets.UTF_8), conf);
        Storage.writeAtomically(paths.result("_info.yaml"), info.toYaml(), conf);
        // last: readers treat _info.json as the sign that the dataset is complete
        Storage.writeAtomically(paths.result("_info.json"), info.toJson(), conf);
    }
}
