package org.imagenetwds.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.dataset.ShardChecksums;
import org.imagenetwds.recipe.ValidationSource;

/**
 * The checks {@code verify} makes over a whole output once each shard has been re-read
 * ({@link ShardVerifier}): the files against {@code _info.json}, shard sizes, keys, the validation
 * split against the recipe, and the accounting. Each check is one line of the report: passed, or
 * the problems it found (at most {@value #MAX_LISTED} listed).
 */
public final class OutputChecks {

    /**
     * Checks that passed and problems found; {@code damagedShards}: shards listed in {@code _info.json}
     * that are missing or whose bytes are not those write committed — what writing again repairs.
     */
    public record Report(List<String> passed, List<String> problems, SortedSet<String> damagedShards) {
        public Report {
            damagedShards = Collections.unmodifiableSortedSet(new TreeSet<>(damagedShards));
        }

        public Report(List<String> passed, List<String> problems) {
            this(passed, problems, new TreeSet<>());
        }

        public boolean ok() {
            return problems.isEmpty();
        }

        public String render() {
            StringBuilder b = new StringBuilder();
            passed.forEach(p -> b.append("OK    ").append(p).append('\n'));
            problems.forEach(p -> b.append("FAIL  ").append(p).append('\n'));
            b.append(ok() ? "verify: passed (" + passed.size() + " checks)\n"
                    : "verify: FAILED with " + problems.size() + " problem(s)\n");
            return b.toString();
        }
    }

    /** A shard to re-read: listed in {@code _info.json} and present with {@code length} bytes. */
    public record ShardFile(String split, String shard, long length) implements java.io.Serializable {
    }

    public static final int MAX_LISTED = 50;

    private final DatasetInfo info;
    private final List<String> passed = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final SortedSet<String> damaged = new TreeSet<>();

    public OutputChecks(DatasetInfo info) {
        this.info = info;
    }

    /**
     * Shard files against {@code _info.json}: canonical names, none missing, none extra.
     *
     * @param present every {@code .tar} in the output folder with its length
     * @return the shards to re-read
     */
    public List<ShardFile> fileSet(Map<String, Long> present) {
        List<ShardFile> shards = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        List<String> found = new ArrayList<>();
        for (DatasetInfo.SplitInfo split : info.shardSplits()) {
            for (int i = 0; i < split.filenames().size(); i++) {
                String name = split.filenames().get(i);
                expected.add(name);
                String canonical = org.imagenetwds.plan.ShardNames.of(info.name(), split.name(), i, split.filenames().size());
                if (!name.equals(canonical)) {
                    found.add("shard " + i + " of " + split.name() + " is named " + name + ", expected " + canonical);
                }
                if (!present.containsKey(name)) {
                    found.add("shard " + name + " listed in _info.json is missing");
                    damaged.add(name);
                } else {
                    shards.add(new ShardFile(split.name(), name, present.get(name)));
                }
            }
        }
        present.keySet().stream().filter(n -> !expected.contains(n)).sorted()
                .forEach(n -> found.add("tar " + n + " is in the output but not in _info.json"));
        org.imagenetwds.recipe.ClassView view = info.recipe().view();
        for (DatasetInfo.SplitInfo split : view == null ? List.<DatasetInfo.SplitInfo>of() : info.shardSplits()) {
            String name = view.splitName(split.name());
            if (info.splits().stream().noneMatch(s -> s.name().equals(name) && s.filenames().equals(split.filenames()))) {
                found.add("split " + name + " does not list the shards of " + split.name());
            }
        }
        add(found, "shard files match _info.json (" + expected.size() + " shards, canonical names)");
        return shards;
    }

    /** Each shard's own problems, and its sample count (a class view's: its samples) against {@code _info.json}. */
    public void shards(List<ShardCheck> checks) {
        add(checks.stream().flatMap(c -> c.problems().stream()).toList(),
                "every sample is grouped .cls/.jpg/.json, labels agree with classes.txt, "
                + "every image decodes within the size rules");
        Map<String, ShardCheck> actual = new HashMap<>();
        checks.forEach(c -> actual.put(c.shard(), c));
        List<String> found = new ArrayList<>();
        for (DatasetInfo.SplitInfo split : info.splits()) {
            for (int i = 0; i < split.filenames().size(); i++) {
                ShardCheck c = actual.get(split.filenames().get(i));
                Integer n = c == null ? null : split.altLabel() == null ? c.samples() : c.viewSamples();
                if (n != null && n.longValue() != split.shardLengths().get(i)) {
                    found.add(split.filenames().get(i) + " holds " + n + " samples"
                            + (split.altLabel() == null ? "" : " of " + split.name()) + ", _info.json says "
                            + split.shardLengths().get(i));
                }
            }
        }
        add(found, "sample counts of every shard match _info.json");
    }

    /**
     * Each re-read shard's bytes against the SHA-256 write committed ({@code _meta/SHA256SUMS}): a shard
     * changed after it was written is found even when every image in it still decodes.
     */
    public void checksums(Map<String, String> committed, List<ShardCheck> checks) {
        List<String> found = new ArrayList<>();
        for (ShardCheck c : checks) {
            String expected = committed.get(c.shard());
            if (c.sha256() == null) { // unreadable as a tar (reported with its problems): not what write committed
                damaged.add(c.shard());
            } else if (expected == null) {
                found.add(c.shard() + " has no line in _meta/" + ShardChecksums.FILE);
            } else if (!c.sha256().equals(expected)) {
                found.add(c.shard() + ": its bytes changed after write committed them (SHA-256 " + c.sha256()
                        + ", committed " + expected + ")");
                damaged.add(c.shard());
            }
        }
        add(found, "every shard's SHA-256 matches _meta/" + ShardChecksums.FILE);
    }

    /** An ImageFolder tree's files: each one's own problems, and how many each split's folder holds against {@code _info.json}. */
    public void imageFolder(List<ShardCheck> files) {
        add(files.stream().flatMap(c -> c.problems().stream()).toList(),
                "every file is <split>/<wnid>/<file> of a class in classes.txt, a JPEG within the size rules");
        Map<String, Long> perSplit = new HashMap<>();
        files.forEach(c -> perSplit.merge(c.split(), (long) c.samples(), Long::sum));
        List<String> found = new ArrayList<>();
        for (DatasetInfo.SplitInfo split : info.shardSplits()) {
            long n = perSplit.getOrDefault(split.name(), 0L);
            if (n != split.numSamples()) {
                found.add(split.filenames() + " holds " + n + " images, _info.json says " + split.numSamples());
            }
        }
        add(found, "image counts of every split's folder match _info.json");
    }

    /** @param repeated keys seen more than once across all shards, with how often */
    public void uniqueKeys(Map<String, Integer> repeated) {
        List<String> found = new ArrayList<>();
        repeated.forEach((key, n) -> found.add("key " + key + " appears " + n + " times across the splits"));
        add(found, "no sample key appears twice (none in both splits)");
    }

    /**
     * The validation split as the recipe forms it. Held out: exactly {@code n} samples per class, a
     * class short by no more than the samples of its synset that write rejected (an image that does
     * not decode cannot be held out). Given: every sample carries the label its file has in the
     * given labels, and none is missing but for rejected ones.
     *
     * @param classes      classes.txt, label order; with a class view, the view's (classes_12k.txt), and the
     *                     checks' validation labels are the view's
     * @param writeRejects per synset, samples write rejected
     * @param givenLabels  for a given validation set: label by sample key; unused otherwise
     * @param givenRejects for a given validation set: its members count or write rejected
     */
    public void validation(List<String> classes, List<ShardCheck> checks, Map<String, Long> writeRejects,
                           Map<String, Integer> givenLabels, long givenRejects) {
        if (info.recipe().validation() instanceof ValidationSource.HeldOut h) {
            heldOut(classes, checks, writeRejects, h.perClass());
        } else if (info.recipe().validation() instanceof ValidationSource.TrainOnly) {
            long validation = checks.stream().filter(c -> c.split().equals(org.imagenetwds.plan.ShardLayout.VALIDATION)).count();
            add(validation == 0 ? List.of() : List.of(validation + " validation shards in a train-only dataset"),
                    "no validation split (train only)");
        } else {
            given(checks, givenLabels, givenRejects);
        }
    }

    private void heldOut(List<String> classes, List<ShardCheck> checks, Map<String, Long> writeRejects, int valPerClass) {
        Map<Integer, Long> perClass = new HashMap<>();
        checks.forEach(c -> c.validationLabels().values().forEach(label -> perClass.merge(label, 1L, Long::sum)));
        List<String> wrong = new ArrayList<>();
        long missing = 0;
        for (int label = 0; label < classes.size(); label++) {
            long n = perClass.getOrDefault(label, 0L);
            long excused = writeRejects.getOrDefault(classes.get(label), 0L);
            if (n > valPerClass || n + excused < valPerClass) {
                wrong.add("class " + label + " has " + n + " validation samples, expected " + valPerClass);
            }
            missing += valPerClass - n;
        }
        long outside = perClass.getOrDefault(org.imagenetwds.recipe.ClassView.OUTSIDE, 0L);
        if (outside > 0) {
            wrong.add(outside + " validation samples are outside the " + info.recipe().view().name() + " view's classes");
        }
        add(wrong, "exactly " + valPerClass + " validation samples for each of " + classes.size() + " classes"
                + (missing > 0 ? " (" + missing + " short by images rejected at write, see _meta/rejected)" : ""));
    }

    private void given(List<ShardCheck> checks, Map<String, Integer> givenLabels, long givenRejects) {
        List<String> wrong = new ArrayList<>();
        long samples = 0;
        for (ShardCheck c : checks) {
            for (Map.Entry<String, Integer> s : c.validationLabels().entrySet()) {
                samples++;
                Integer expected = givenLabels.get(s.getKey());
                if (expected == null) {
                    wrong.add("validation sample " + s.getKey() + " is not in the given validation labels");
                } else if (!expected.equals(s.getValue())) {
                    wrong.add("validation sample " + s.getKey() + " has label " + s.getValue() + ", the ground truth says "
                            + expected);
                }
            }
        }
        if (samples + givenRejects != givenLabels.size()) {
            wrong.add("validation holds " + samples + " samples and " + givenRejects + " were rejected, the ground truth has "
                    + givenLabels.size() + " images");
        }
        add(wrong, "every one of " + samples + " validation samples has its ground-truth label"
                + (givenRejects > 0 ? " (" + givenRejects + " rejected, see _meta/rejected)" : ""));
    }

    /**
     * {@code input = written + rejected + unselected}, and the stats agree with {@code _info.json}
     * and with the rows of {@code _meta/manifest} and {@code _meta/rejected}.
     */
    public void accounting(BuildStats stats, long manifestRows, long rejectedRows) {
        List<String> found = new ArrayList<>();
        if (!stats.identityHolds()) {
            found.add("stats.json: input_members " + stats.inputMembers() + " != written " + stats.written()
                    + " + rejected " + stats.rejected() + " + unselected " + stats.unselected());
        }
        for (DatasetInfo.SplitInfo split : info.shardSplits()) {
            long written = stats.writtenBySplit().getOrDefault(split.name(), -1L);
            if (written != split.numSamples()) {
                found.add("stats.json says " + written + " " + split.name() + " samples, _info.json " + split.numSamples());
            }
        }
        if (manifestRows != stats.written()) {
            found.add("_meta/manifest has " + manifestRows + " rows for " + stats.written() + " written samples");
        }
        if (rejectedRows != stats.rejected()) {
            found.add("_meta/rejected has " + rejectedRows + " rows, stats.json counts " + stats.rejected());
        }
        add(found, "input_members " + stats.inputMembers() + " = written " + stats.written() + " + rejected "
                + stats.rejected() + " + unselected " + stats.unselected() + ", and manifest/rejected tables agree");
    }

    public Report report() {
        return new Report(List.copyOf(passed), List.copyOf(problems), damaged);
    }

    private void add(List<String> found, String check) {
        if (found.isEmpty()) {
            passed.add(check);
            return;
        }
        found.stream().limit(MAX_LISTED).forEach(problems::add);
        if (found.size() > MAX_LISTED) {
            problems.add("... and " + (found.size() - MAX_LISTED) + " more like these");
        }
    }
}
