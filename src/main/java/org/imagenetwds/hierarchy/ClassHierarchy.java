package org.imagenetwds.hierarchy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A dataset's classes in the WordNet hierarchy, {@code _meta/hierarchy.json}: each class's WordNet
 * parents, its ancestors on the first-parent path to the root and its depth there, the classes of
 * the dataset on that path and its semantic level, and the levels semantic-softmax training groups
 * classes by. The rule is ImageNet-21K-P's ({@code semantics.py} of Alibaba-MIIL/ImageNet21K): a
 * class's level is the number of dataset classes above it (its tree list's length less one); each
 * level from 0 to the deepest but one that holds more than one class is a softmax of its own (the
 * deepest level is left out, as their loop {@code range(max_depth)} leaves it out).
 */
public final class ClassHierarchy {

    /** Its name in {@code _meta/}. */
    public static final String FILE = "hierarchy.json";

    /**
     * One class.
     *
     * @param ancestors      WordNet ancestors on the first-parent path, nearest first, up to {@code entity}
     * @param depth          the class's depth in WordNet: its number of ancestors (entity: 0)
     * @param classAncestors labels of the dataset's classes among {@code ancestors}, nearest first
     * @param level          its semantic level: the number of {@code classAncestors}
     */
    public record ClassNode(int label, String wnid, boolean inWordNet, List<String> parents, List<String> ancestors,
                            int depth, List<Integer> classAncestors, int level) {
        public ClassNode {
            parents = List.copyOf(parents);
            ancestors = List.copyOf(ancestors);
            classAncestors = List.copyOf(classAncestors);
        }
    }

    /** A semantic softmax: the classes at one level, in label order. */
    public record SemanticLevel(int level, List<Integer> labels) {
        public SemanticLevel {
            labels = List.copyOf(labels);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ClassNode> classes;
    private final List<SemanticLevel> levels;

    private ClassHierarchy(List<ClassNode> classes, List<SemanticLevel> levels) {
        this.classes = List.copyOf(classes);
        this.levels = List.copyOf(levels);
    }

    /** @param synsets the dataset's classes in label order; a WNID WordNet lacks is a root of its own */
    public static ClassHierarchy of(List<String> synsets, WordNetHierarchy wordnet) {
        Map<String, Integer> labels = new HashMap<>();
        for (int i = 0; i < synsets.size(); i++) {
            labels.put(synsets.get(i), i);
        }
        List<ClassNode> nodes = new ArrayList<>();
        int deepest = 0;
        for (int i = 0; i < synsets.size(); i++) {
            String wnid = synsets.get(i);
            List<String> path = wordnet.firstParentPath(wnid);
            List<Integer> above = path.stream().filter(labels::containsKey).map(labels::get).toList();
            nodes.add(new ClassNode(i, wnid, wordnet.contains(wnid), wordnet.parents(wnid), path, path.size(), above,
                    above.size()));
            deepest = Math.max(deepest, above.size());
        }
        List<SemanticLevel> levels = new ArrayList<>();
        for (int level = 0; level < deepest; level++) {
            int l = level;
            List<Integer> at = nodes.stream().filter(n -> n.level() == l).map(ClassNode::label).toList();
            if (at.size() > 1) {
                levels.add(new SemanticLevel(level, at));
            }
        }
        return new ClassHierarchy(nodes, levels);
    }

    public List<ClassNode> classes() {
        return classes;
    }

    public List<SemanticLevel> semanticLevels() {
        return levels;
    }

    /** The json, one class and one level a line (a 21k dataset's file stays readable and diffable). */
    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.write(("{\"hierarchy\": \"WordNet 3.0 is-a: hypernyms, instance hypernyms where a synset has none\",\n"
                    + "\"path\": \"ancestors follow each synset's first parent up to entity (n00001740)\",\n"
                    + "\"levels\": \"level = classes of this dataset among the ancestors; semantic_levels: each level"
                    + " below the deepest holding more than one class (ImageNet-21K-P's semantic softmax)\",\n"
                    + "\"classes\": [\n").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < classes.size(); i++) {
                ClassNode n = classes.get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("label", n.label());
                m.put("wnid", n.wnid());
                m.put("in_wordnet", n.inWordNet());
                m.put("parents", n.parents());
                m.put("ancestors", n.ancestors());
                m.put("depth", n.depth());
                m.put("class_ancestors", n.classAncestors());
                m.put("level", n.level());
                out.write(JSON.writeValueAsBytes(m));
                out.write((i + 1 < classes.size() ? ",\n" : "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write("],\n\"semantic_levels\": [\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < levels.size(); i++) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("level", levels.get(i).level());
                m.put("labels", levels.get(i).labels());
                out.write(JSON.writeValueAsBytes(m));
                out.write((i + 1 < levels.size() ? ",\n" : "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write("]}\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the hierarchy json", e); // a byte array never fails
        }
        return out.toByteArray();
    }
}
