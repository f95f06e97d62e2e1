package org.imagenetwds.card;

import java.util.List;
import java.util.Map;

import org.imagenetwds.dataset.ShortEdgeHistogram;
import org.imagenetwds.labels.ValidationLabels;

/**
 * What the dataset card shows beyond {@code _info.json} and {@code _meta/stats.json}, gathered by the
 * write stage from the metadata it already holds (no image is read for it but the contact sheet's).
 *
 * @param usableBySynset   usable images per input synset (selected or not)
 * @param selected         the selected synsets, in label order
 * @param shortEdgesBefore shorter edges of the usable input images
 * @param shortEdgesAfter  shorter edges of the written images
 * @param bytesBySplit     shard bytes per split
 * @param inputFingerprint the input listing's hash (names, sizes, modification times), no path
 * @param sheet            validation samples for the contact sheet, in shard order
 * @param labelSets        the label sets attached to the validation samples ({@link ValidationLabels#NONE} if none)
 * @param viewSelected     the class view's synsets in its label order (classes_12k.txt), empty without a view
 * @param comparedWith12k  how top-K chosen classes compare with timm's published 12k list, or null when not top-K
 * @param duplicatePairs   a few duplicate pairs among the written samples, each pair's two samples one after the other
 */
public record CardFacts(Map<String, Long> usableBySynset, List<String> selected, ShortEdgeHistogram shortEdgesBefore,
                        ShortEdgeHistogram shortEdgesAfter, Map<String, Long> bytesBySplit, String inputFingerprint,
                        String toolVersion, List<SheetSample> sheet, ValidationLabels labelSets,
                        List<String> viewSelected, String comparedWith12k, List<SheetSample> duplicatePairs) {

    /** Facts of a build without a class view whose classes were not chosen by count. */
    public CardFacts(Map<String, Long> usableBySynset, List<String> selected, ShortEdgeHistogram shortEdgesBefore,
                     ShortEdgeHistogram shortEdgesAfter, Map<String, Long> bytesBySplit, String inputFingerprint,
                     String toolVersion, List<SheetSample> sheet, ValidationLabels labelSets) {
        this(usableBySynset, selected, shortEdgesBefore, shortEdgesAfter, bytesBySplit, inputFingerprint, toolVersion,
                sheet, labelSets, List.of(), null, List.of());
    }

    /** One image of the contact sheet: its key, its class's WNID, the JPEG as written. */
    public record SheetSample(String key, String synset, byte[] jpeg) {
    }
}
