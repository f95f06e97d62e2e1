package org.imagenetwds.sample;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.imagenetwds.ilsvrc.Ilsvrc2012Devkit;

/**
 * Writes a small ILSVRC-2012-shaped release (SPEC §11) whose classes and validation labels are the
 * real devkit's: a train tar of 1,000 per-synset tars with {@code k} generated JPEGs each plus the
 * real tar's odd members (a PNG and a CMYK JPEG named {@code .JPEG}), a validation tar of the first
 * N images in ground-truth order, and a devkit tar.gz whose meta.mat mfl-core writes. Every image's
 * background is its class's colour ({@link #classColour}), so a wrong label shows in the pixels.
 * The same spec always gives the same bytes.
 */
public final class Ilsvrc2012ReleaseGenerator {

    /** Tars as downloaded, or the extracted folders ({@code train/nXXXXXXXX/}, {@code val/}, devkit). */
    public enum Layout { TARS, FOLDERS }

    /**
     * What to generate: JPEGs per train synset (1..1000) and validation images (1..50,000), and train
     * files by name on top ({@code n01440764_10026.JPEG}: e.g. the files a subset list names).
     */
    public record Spec(int trainPerSynset, int validationImages, long seed, Layout layout, List<String> extraTrainFiles) {
        public static final int DEFAULT_TRAIN_PER_SYNSET = 3;
        public static final int DEFAULT_VALIDATION_IMAGES = 2000;

        public Spec {
            if (trainPerSynset < 1 || trainPerSynset > 1000) {
                throw new IllegalArgumentException("train images per synset must be 1..1000, got " + trainPerSynset);
            }
            if (validationImages < 1 || validationImages > 50_000) {
                throw new IllegalArgumentException("validation images must be 1..50,000, got " + validationImages);
            }
            extraTrainFiles = List.copyOf(extraTrainFiles);
        }

        public Spec(int trainPerSynset, int validationImages, long seed, Layout layout) {
            this(trainPerSynset, validationImages, seed, layout, List.of());
        }

        public Spec(long seed, Layout layout) {
            this(DEFAULT_TRAIN_PER_SYNSET, DEFAULT_VALIDATION_IMAGES, seed, layout);
        }
    }

    /**
     * What was written: the three inputs (tars, or folders), and the odd train members, named as in
     * their synset ({@code pngMember} in n02105855, {@code cmykMember} in n01739381); each is an
     * extra member, so those two synsets hold {@code trainPerSynset + 1}.
     */
    public record Release(Path train, Path validation, Path devkit, int trainPerSynset, int validationImages,
                          String pngMember, String cmykMember) {
    }

    /** The real train tar's PNG, and the first of its 22 CMYK JPEGs (github.com/cytsai/ilsvrc-cmyk-image-list). */
    private static final String PNG_MEMBER = "n02105855_2933.JPEG";
    private static final String CMYK_MEMBER = "n01739381_1309.JPEG";
    private static final String DEVKIT = "ILSVRC2012_devkit_t12";
    /**
     * Each image's randomness is its own, salted by what names it: a train member by
     * {@code label * 10,000 +} the number in its name, a validation image by this plus its number.
     */
    private static final long VALIDATION_SALT = 100_000_000L;

    private final Ilsvrc2012Devkit devkit;
    private final Path groundTruthSource;
    private final List<String> groundTruthLines;
    private final byte[] metaMat;

    private Ilsvrc2012ReleaseGenerator(Ilsvrc2012Devkit devkit, Path groundTruthSource, List<String> groundTruthLines,
                                       byte[] metaMat) {
        this.devkit = devkit;
        this.groundTruthSource = groundTruthSource;
        this.groundTruthLines = groundTruthLines;
        this.metaMat = metaMat;
    }

    /**
     * Takes the classes and validation labels from a real devkit's {@code data/meta.mat} and
     * {@code data/ILSVRC2012_validation_ground_truth.txt}.
     *
     * @throws IllegalArgumentException one line naming the file that is not such a devkit file
     */
    public static Ilsvrc2012ReleaseGenerator fromDevkit(Path metaMat, Path groundTruth) throws IOException {
        byte[] meta = Files.readAllBytes(metaMat);
        byte[] truth = Files.readAllBytes(groundTruth);
        Ilsvrc2012Devkit devkit = Ilsvrc2012Devkit.read(meta, metaMat.toString(), truth, groundTruth.toString());
        for (String member : List.of(PNG_MEMBER, CMYK_MEMBER)) {
            if (!devkit.classes().contains(synsetOf(member))) {
                throw new IllegalArgumentException(metaMat + " has no class " + synsetOf(member) + ", where the real "
                        + "release holds " + member);
            }
        }
        List<String> lines = new String(truth, StandardCharsets.US_ASCII).lines().map(String::strip).toList();
        return new Ilsvrc2012ReleaseGenerator(devkit, groundTruth, lines,
                DevkitMetaMat.write(DevkitMetaMat.read(meta, metaMat.toString())));
    }

    public Release generate(Spec spec, Path outputDir) throws IOException {
        if (spec.validationImages() > devkit.validationImages()) {
            throw new IllegalArgumentException("asked for " + spec.validationImages()
                    + " validation images, " + groundTruthSource + " has " + devkit.validationImages());
        }
        Files.createDirectories(outputDir);
        boolean tars = spec.layout() == Layout.TARS;
        Release release = new Release(
                outputDir.resolve(tars ? "ILSVRC2012_img_train.tar" : "train"),
                outputDir.resolve(tars ? "ILSVRC2012_img_val.tar" : "val"),
                outputDir.resolve(tars ? DEVKIT + ".tar.gz" : DEVKIT),
                spec.trainPerSynset(), spec.validationImages(), PNG_MEMBER, CMYK_MEMBER);
        try (ReleaseSink train = tars ? new ReleaseTar(Files.newOutputStream(release.train()))
                : new ReleaseFolder(release.train())) {
            writeTrain(spec, train, tars);
        }
        try (ReleaseSink val = tars ? new ReleaseTar(Files.newOutputStream(release.validation()))
                : new ReleaseFolder(release.validation())) {
            for (int i = 1; i <= spec.validationImages(); i++) {
                val.add(ReleaseMember.file(Ilsvrc2012Devkit.validationFileName(i),
                        classJpeg(devkit.validationLabel(i), salted(spec.seed(), VALIDATION_SALT + i))));
            }
        }
        // the tar's members carry the devkit folder's name, as in the real download
        try (ReleaseSink kit = tars ? new ReleaseTar(new GZIPOutputStream(Files.newOutputStream(release.devkit())))
                : new ReleaseFolder(outputDir)) {
            kit.add(ReleaseMember.file(DEVKIT + "/data/meta.mat", metaMat));
            kit.add(ReleaseMember.file(DEVKIT + "/data/ILSVRC2012_validation_ground_truth.txt",
                    groundTruth(spec.validationImages())));
        }
        return release;
    }

    /** Synsets in label order, as {@code nXXXXXXXX.tar} members of the train tar or as folders. */
    private void writeTrain(Spec spec, ReleaseSink train, boolean tars) throws IOException {
        Map<String, List<String>> extras = new HashMap<>();
        for (String file : spec.extraTrainFiles()) {
            if (!devkit.classes().contains(synsetOf(file))) {
                throw new IllegalArgumentException("extra train file " + file + " is in no class of the devkit");
            }
            extras.computeIfAbsent(synsetOf(file), k -> new ArrayList<>()).add(file);
        }
        for (int label = 0; label < devkit.classes().size(); label++) {
            String wnid = devkit.classes().get(label);
            List<ReleaseMember> members = new ArrayList<>();
            for (int n = 1; n <= spec.trainPerSynset(); n++) {
                members.add(ReleaseMember.file(wnid + "_" + n + ".JPEG",
                        classJpeg(label, salted(spec.seed(), label * 10_000L + n))));
            }
            for (String file : extras.getOrDefault(wnid, List.of())) {
                members.add(ReleaseMember.file(file, classJpeg(label, salted(spec.seed(), file.hashCode()))));
            }
            if (wnid.equals(synsetOf(PNG_MEMBER))) {
                Random r = salted(spec.seed(), label * 10_000L + 2933); // the number in its name
                members.add(ReleaseMember.file(PNG_MEMBER, SyntheticImages.encode(classPicture(label, r), "png")));
            }
            if (wnid.equals(synsetOf(CMYK_MEMBER))) {
                members.add(ReleaseMember.file(CMYK_MEMBER,
                        SyntheticImages.fourComponentJpeg(80, 60, new int[] {0, 255, 255, 255}, 0)));
            }
            if (tars) {
                train.add(ReleaseMember.file(wnid + ".tar", ReleaseTar.bytes(members)));
            } else {
                for (ReleaseMember m : members) {
                    train.add(ReleaseMember.file(wnid + "/" + m.name(), m.data()));
                }
            }
        }
    }

    private static Random salted(long seed, long salt) {
        return new Random(seed * 31 + salt);
    }

    private static byte[] classJpeg(int label, Random r) throws IOException {
        return SyntheticImages.jpeg(classPicture(label, r), 85 + r.nextInt(11));
    }

    /** 40..120 px a side, on its class's colour. */
    private static BufferedImage classPicture(int label, Random r) {
        int w = 40 + r.nextInt(81);
        int h = 40 + r.nextInt(81);
        return SyntheticImages.onBackground(w, h, classColour(label), r.nextLong());
    }

    /** The first {@code n} lines of the source ground truth, LF-terminated. */
    private byte[] groundTruth(int n) {
        StringBuilder b = new StringBuilder();
        for (String line : groundTruthLines.subList(0, n)) {
            b.append(line).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The background of every image of {@code label} (0..999): its three decimal digits, one per
     * channel, 24 levels apart, so JPEG's small errors never turn one class into another.
     */
    public static Color classColour(int label) {
        if (label < 0 || label > 999) {
            throw new IllegalArgumentException("label must be 0..999, got " + label);
        }
        return new Color(20 + 24 * (label % 10), 20 + 24 * (label / 10 % 10), 20 + 24 * (label / 100));
    }

    private static String synsetOf(String member) {
        return member.substring(0, member.indexOf('_'));
    }
}
