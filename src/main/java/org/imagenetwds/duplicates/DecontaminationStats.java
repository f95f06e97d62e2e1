package org.imagenetwds.duplicates;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decontamination figures of a build ({@code --decontaminate}), per evaluation set in the order given: for
 * {@code stats.json} and the dataset card.
 *
 * @param imagesBySet  the images read and fingerprinted of each set
 * @param droppedBySet samples dropped as near an image of each set (their nearest one's set)
 */
public record DecontaminationStats(Map<String, Long> imagesBySet, Map<String, Long> droppedBySet) {

    public DecontaminationStats {
        imagesBySet = new LinkedHashMap<>(imagesBySet);
        if (!imagesBySet.keySet().containsAll(droppedBySet.keySet())) {
            throw new IllegalArgumentException("samples dropped for sets " + droppedBySet.keySet()
                    + " that were not read: " + imagesBySet.keySet());
        }
        Map<String, Long> dropped = new LinkedHashMap<>(); // every set read, in its order, 0 when none dropped
        for (String set : imagesBySet.keySet()) {
            dropped.put(set, droppedBySet.getOrDefault(set, 0L));
        }
        droppedBySet = dropped;
    }

    public long dropped() {
        return droppedBySet.values().stream().mapToLong(Long::longValue).sum();
    }

    public long images() {
        return imagesBySet.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The figures as {@code stats.json}'s {@code decontamination} object. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("evaluation_images", imagesBySet);
        m.put("dropped", droppedBySet);
        return m;
    }

    @SuppressWarnings("unchecked")
    public static DecontaminationStats fromMap(Map<String, Object> m) {
        return new DecontaminationStats(longs((Map<String, Object>) m.get("evaluation_images")),
                longs((Map<String, Object>) m.get("dropped")));
    }

    private static Map<String, Long> longs(Map<String, Object> m) {
        if (m == null) {
            throw new IllegalArgumentException("stats.json's decontamination lacks evaluation_images or dropped");
        }
        Map<String, Long> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, ((Number) v).longValue()));
        return out;
    }
}
