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
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.card.CardFacts;
import org.imagenetwds.card.CardPictures;
import org.imagenetwds.card.DatasetCard;
import org.imagenetwds.hierarchy.ClassHierarchy;
import org.imagenetwds.hierarchy.WordNetHierarchy;
import org.imagenetwds.plan.Selection;
import org.imagenetwds.spark.WorkPaths;
import org.imagenetwds.spark.io.Storage;

/** The small result files: {@code _info.json}, {@code _info.yaml}, {@code classes.txt}, {@code README.md}, {@code _meta/*.json} (the class hierarchy among them). */
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

    /** One WNID per line, in label order. */
    private static void writeClasses(org.apache.hadoop.fs.Path file, Selection selection, Configuration conf)
            throws IOException {
        Storage.writeAtomically(file, (String.join("\n", selection.synsets()) + "\n").getBytes(StandardCharsets.UTF_8), conf);
    }

    /**
     * The card's pictures; a JVM that cannot draw (no fonts in a minimal container) gets a card without
     * them and a warning, never a failed build.
     */
    private static Map<String, byte[]> pictures(CardFacts facts, BuildStats stats) {
        try {
            return CardPictures.render(facts, stats.rejectedByReason());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) { // "No fonts found", AWTError, a missing native library
            System.err.println("imagenet-wds: the dataset card has no pictures: this JVM cannot draw them (" + e + ")");
            return Map.of();
        }
    }

    /** @param viewSelection the class view's classes ({@code classes_12k.txt}), or null */
    static void writeResults(WorkPaths paths, DatasetInfo info, BuildStats stats, Selection selection,
                             Selection viewSelection, CardFacts facts, Configuration conf) throws IOException {
        Storage.writeAtomically(paths.meta(BuildStats.FILE), stats.toJson(), conf);
        Storage.writeAtomically(paths.meta(ClassHierarchy.FILE),
                ClassHierarchy.of(selection.synsets(), WordNetHierarchy.shipped()).toJson(), conf);
        writeClasses(paths.result("classes.txt"), selection, conf);
        if (viewSelection != null) {
            writeClasses(paths.result(info.recipe().view().classesFile()), viewSelection, conf);
        }
        List<String> pictures = new ArrayList<>();
        for (Map.Entry<String, byte[]> p : pictures(facts, stats).entrySet()) {
            Storage.writeAtomically(paths.result(CardPictures.FOLDER + "/" + p.getKey()), p.getValue(), conf);
            pictures.add(p.getKey());
        }
        Storage.writeAtomically(paths.result("README.md"),
                DatasetCard.render(info, stats, facts, pictures).getBytes(StandardCharsets.UTF_8), conf);
        Storage.writeAtomically(paths.result("_info.yaml"), info.toYaml(), conf);
        // last: readers treat _info.json as the sign that the dataset is complete
        Storage.writeAtomically(paths.result("_info.json"), info.toJson(), conf);
    }
}
