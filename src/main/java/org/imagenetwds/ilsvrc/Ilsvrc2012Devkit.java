package org.imagenetwds.ilsvrc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sources;
import us.hebi.matlab.mat.types.Struct;

/**
 * The ILSVRC-2012 devkit's labels, read the way every correct ImageNet-1k loader reads them: the
 * 1,000 classes are the leaf entries ({@code num_children == 0}) of {@code data/meta.mat}'s
 * {@code synsets} struct array; a class's label is the index of its WNID in ascending WNID order
 * (torchvision's ImageFolder, timm), not its {@code ILSVRC2012_ID}; the validation ground truth
 * ({@code data/ILSVRC2012_validation_ground_truth.txt}, line <i>i</i> for image <i>i</i>) holds
 * {@code ILSVRC2012_ID}s, mapped through meta.mat to WNIDs and then to labels. meta.mat is read with
 * a maintained MAT-file library (mfl-core), not by hand.
 */
public final class Ilsvrc2012Devkit {

    public static final int CLASSES = 1000;

    private final List<String> classes;
    private final Map<Integer, String> wnidById;
    private final Map<String, Integer> labelByWnid;
    private final int[] validationLabels;

    private Ilsvrc2012Devkit(List<String> classes, Map<Integer, String> wnidById, Map<String, Integer> labelByWnid,
                             int[] validationLabels) {
        this.classes = classes;
        this.wnidById = wnidById;
        this.labelByWnid = labelByWnid;
        this.validationLabels = validationLabels;
    }

    /**
     * @param metaName        how to name {@code metaMat} in an error (its URI)
     * @param groundTruthName how to name {@code groundTruth} in an error
     * @throws IllegalArgumentException one line saying what is wrong with which file
     */
    public static Ilsvrc2012Devkit read(byte[] metaMat, String metaName, byte[] groundTruth, String groundTruthName) {
        Map<Integer, String> wnidById = leafSynsets(metaMat, metaName);
        List<String> classes = new ArrayList<>(wnidById.values());
        Collections.sort(classes);
        Map<String, Integer> labelByWnid = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            labelByWnid.put(classes.get(i), i);
        }
        String[] lines = new String(groundTruth, StandardCharsets.US_ASCII).split("\n", -1);
        int n = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            String line = lines[i].strip();
            int id;
            try {
                id = Integer.parseInt(line);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(groundTruthName + " line " + (i + 1) + ": '" + abbreviate(line)
                        + "' is not an ILSVRC2012_ID");
            }
            if (!wnidById.containsKey(id)) {
                throw new IllegalArgumentException(groundTruthName + " line " + (i + 1) + ": ILSVRC2012_ID " + id
                        + " is not one of the 1,000 classes of " + metaName);
            }
            labels[i] = labelByWnid.get(wnidById.get(id));
        }
        return new Ilsvrc2012Devkit(List.copyOf(classes), Map.copyOf(wnidById), Map.copyOf(labelByWnid), labels);
    }

    private static Map<Integer, String> leafSynsets(byte[] metaMat, String metaName) {
        Struct synsets;
        try {
            MatFile mat = Mat5.newReader(Sources.wrap(ByteBuffer.wrap(metaMat))).readMat();
            synsets = mat.getStruct("synsets");
        } catch (Exception e) {
            throw new IllegalArgumentException(metaName + " is not a devkit meta.mat with a 'synsets' struct array: "
                    + e.getMessage());
        }
        Map<Integer, String> wnidById = new HashMap<>();
        try {
            for (int i = 0; i < synsets.getNumElements(); i++) {
                if (((Matrix) synsets.get("num_children", i)).getInt(0) != 0) {
                    continue;
                }
                int id = ((Matrix) synsets.get("ILSVRC2012_ID", i)).getInt(0);
                String wnid = ((Char) synsets.get("WNID", i)).getString();
                if (wnidById.put(id, wnid) != null) {
                    throw new IllegalArgumentException(metaName + ": ILSVRC2012_ID " + id + " appears twice");
                }
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(metaName + ": the synsets struct lacks ILSVRC2012_ID, WNID or num_children: "
                    + e.getMessage());
        }
        if (new java.util.HashSet<>(wnidById.values()).size() != wnidById.size()) {
            throw new IllegalArgumentException(metaName + ": two leaf synsets share a WNID");
        }
        if (wnidById.size() != CLASSES) {
            throw new IllegalArgumentException(metaName + " has " + wnidById.size()
                    + " leaf synsets (num_children == 0), expected " + CLASSES);
        }
        for (int id = 1; id <= CLASSES; id++) {
            if (!wnidById.containsKey(id)) {
                throw new IllegalArgumentException(metaName + ": no leaf synset has ILSVRC2012_ID " + id);
            }
        }
        return wnidById;
    }

    /** The 1,000 WNIDs in ascending order: line i of classes.txt, label i. */
    public List<String> classes() {
        return classes;
    }

    public String wnidOfId(int ilsvrcId) {
        String wnid = wnidById.get(ilsvrcId);
        if (wnid == null) {
            throw new IllegalArgumentException("no class has ILSVRC2012_ID " + ilsvrcId);
        }
        return wnid;
    }

    /** The label (index in ascending WNID order) of a devkit ILSVRC2012_ID. */
    public int labelOfId(int ilsvrcId) {
        return labelByWnid.get(wnidOfId(ilsvrcId));
    }

    /** Images the ground truth has a line for (50,000 in the real devkit). */
    public int validationImages() {
        return validationLabels.length;
    }

    /** The label of validation image {@code number} (1-based, as in its file name). */
    public int validationLabel(int number) {
        if (number < 1 || number > validationLabels.length) {
            throw new IllegalArgumentException("validation image " + number + " is not in the ground truth (1.."
                    + validationLabels.length + ")");
        }
        return validationLabels[number - 1];
    }

    /** {@code ILSVRC2012_val_00000001.JPEG} for image 1. */
    public static String validationFileName(int number) {
        return String.format("ILSVRC2012_val_%08d.JPEG", number);
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "...";
    }
}
