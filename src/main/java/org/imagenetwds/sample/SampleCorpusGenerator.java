package org.imagenetwds.sample;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.imagenetwds.dataset.Coded;
import org.imagenetwds.dataset.InputLayout;

/**
 * Plans and writes a small fall11-shaped input of generated images: a long-tailed class-size
 * distribution (a few large synsets, many small ones) and, in the largest synsets, the odd members
 * real data has: a tiny image, greyscale images, a PNG and a GIF named {@code .JPEG}, an Exif-laden
 * JPEG, random bytes and a truncated JPEG. Or, in the {@link Shape#AROUND_500} shape, classes on
 * both sides of ImageNet-21K-P's 500-file cut. The same spec always gives the same bytes.
 */
public final class SampleCorpusGenerator {

    /** How the classes are sized. */
    public enum Shape implements Coded {
        /** {@code largest} images in the biggest synset, the tail decaying as a power law; made-up WNIDs. */
        LONG_TAIL,
        /**
         * Real WNIDs of one WordNet subtree (mammals and fish, so the hierarchy has levels), at most
         * {@link #AROUND_500_WNIDS}; synset {@code r} holds 501 + r/2 files for even r and 500 - (r-1)/2 for
         * odd r (501, 500, 502, 499, ...; the first two with the odd members among their files: files
         * count, not usable images), each image tiny (a side of 8 to 63 px) but one in eight with a
         * longer side of 224 to 287 px: enough for ImageNet-21K-P's cut, squash and copy, on a laptop.
         */
        AROUND_500;

        /** The --shape value. */
        public String code() {
            return this == LONG_TAIL ? "long-tail" : "around-500";
        }

        public static Shape fromCode(String code) {
            return Coded.parse(values(), code, "--shape");
        }
    }

    /** mammal, placental, carnivore, canine, dog, fox, kit fox, golden retriever, cyprinid, tench, ... */
    public static final List<String> AROUND_500_WNIDS = List.of("n01861778", "n01886756", "n02075296", "n02083346",
            "n02084071", "n02118333", "n02119789", "n02099601", "n01439121", "n01440764", "n02085620", "n01443537");

    /** What to generate. {@code largest} is the size of the biggest synset in the long-tail shape. */
    public record Spec(int synsets, int largest, long seed, InputLayout layout, Shape shape) {
        public Spec {
            if (synsets < 1 || largest < 8) {
                throw new IllegalArgumentException("need at least 1 synset and a largest class of 8, got "
                        + synsets + " and " + largest);
            }
            if (shape == Shape.AROUND_500 && synsets > AROUND_500_WNIDS.size()) {
                throw new IllegalArgumentException("the around-500 shape has at most " + AROUND_500_WNIDS.size()
                        + " synsets, got " + synsets);
            }
        }

        /** The long-tail shape. */
        public Spec(int synsets, int largest, long seed, InputLayout layout) {
            this(synsets, largest, seed, layout, Shape.LONG_TAIL);
        }

        /** Files of the synset ranked {@code rank}, the odd members included in the around-500 shape. */
        int files(int rank) {
            return shape == Shape.AROUND_500 ? (rank % 2 == 0 ? 501 + rank / 2 : 500 - (rank - 1) / 2)
                    : Math.max(2, (int) Math.round(largest / Math.pow(1 + rank, 0.8)));
        }
    }

    /**
     * What was written: synsets, members, and the odd members that must be rejected.
     *
     * @param damagedTars tars damaged on purpose after their members: {@code count} lists each damage as
     *                    one more member ({@code damaged_source}), so it counts {@code members + damagedTars}
     */
    public record Summary(int synsets, int members, int damagedTars, long bytes, int expectedRejects, Path input) {
    }

    private final Spec spec;
    private final Random random;

    public SampleCorpusGenerator(Spec spec) {
        this.spec = spec;
        this.random = new Random(spec.seed());
    }

    public Summary generate(Path outputDir) throws IOException {
        Files.createDirectories(outputDir);
        if (spec.layout() != InputLayout.FALL11_TAR) {
            return writeSynsets(outputDir, null, outputDir);
        }
        Path input = outputDir.resolve("fall11_whole.tar");
        try (ReleaseTar outer = new ReleaseTar(Files.newOutputStream(input))) {
            return writeSynsets(outputDir, outer, input);
        }
    }

    /** Writes every synset into {@code outputDir}, or as {@code nXXXXXXXX.tar} members of {@code outer}. */
    private Summary writeSynsets(Path outputDir, ReleaseTar outer, Path input) throws IOException {
        List<String> synsets = synsetIds();
        int members = 0;
        int damagedTars = 0;
        long bytes = 0;
        int rejects = 0;
        for (int rank = 0; rank < synsets.size(); rank++) {
            String synset = synsets.get(rank);
            boolean around500 = spec.shape() == Shape.AROUND_500;
            int count = spec.files(rank) - (around500 && rank < 2 ? ODD_MEMBERS : 0);
            List<ReleaseMember> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                list.add(ReleaseMember.file(synset + "_" + (i + 1) + ".JPEG", around500 ? tinyImage(rank, i) : image(rank, i)));
            }
            if (rank < 2) {
                rejects += addOddMembers(synset, list);
            }
            boolean hostile = rank == 0 && spec.layout() != InputLayout.FOLDERS && !around500; // files stay as counted
            if (hostile) {
                rejects += addHostileTarEntries(synset, list);
            }
            members += list.size();
            for (ReleaseMember m : list) {
                bytes += m.data().length;
            }
            if (spec.layout() == InputLayout.FOLDERS) {
                ReleaseFolder folder = new ReleaseFolder(outputDir.resolve(synset));
                for (ReleaseMember m : list) {
                    folder.add(m);
                }
                continue;
            }
            byte[] tar = hostile ? ReleaseTar.bytesWithDamagedTail(list) : ReleaseTar.bytes(list);
            damagedTars += hostile ? 1 : 0;
            if (outer == null) {
                Files.write(outputDir.resolve(synset + ".tar"), tar);
            } else {
                outer.add(ReleaseMember.file(synset + ".tar", tar));
            }
        }
        return new Summary(synsets.size(), members, damagedTars, bytes, rejects, input);
    }

    /** Synset ids in the real {@code n} + 8 digits form, distinct, ranked in a random order (around 500: real ones, in order). */
    private List<String> synsetIds() {
        if (spec.shape() == Shape.AROUND_500) {
            return AROUND_500_WNIDS.subList(0, spec.synsets());
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < spec.synsets(); i++) {
            ids.add(String.format("n%08d", 1_000_000 + i * 104_729 + random.nextInt(1000)));
        }
        Collections.shuffle(ids, random);
        return ids;
    }

    /** How many odd members {@link #addOddMembers} appends. */
    private static final int ODD_MEMBERS = 8;

    /** Appends the odd members; returns how many of them must end up rejected (by the default rules). */
    private int addOddMembers(String synset, List<ReleaseMember> list) throws IOException {
        list.add(ReleaseMember.file(synset + "_tiny.JPEG", SyntheticImages.jpeg(render(32, 24, false, 1), 85)));
        list.add(ReleaseMember.file(synset + "_png.JPEG", SyntheticImages.encode(render(180, 140, false, 2), "png")));
        list.add(ReleaseMember.file(synset + "_gif.JPEG", SyntheticImages.encode(render(160, 120, false, 3), "gif")));
        list.add(ReleaseMember.file(synset + "_exif.JPEG",
                SyntheticImages.withExif(SyntheticImages.jpeg(render(200, 150, false, 4), 85))));
        byte[] noise = new byte[2000];
        random.nextBytes(noise);
        list.add(ReleaseMember.file(synset + "_noise.JPEG", noise));
        list.add(ReleaseMember.file(synset + "_truncated.JPEG",
                SyntheticImages.truncated(SyntheticImages.jpeg(render(220, 180, false, 5), 85))));
        list.add(ReleaseMember.file(synset + "_cmyk.JPEG",
                SyntheticImages.fourComponentJpeg(240, 180, new int[] {0, 255, 255, 255}, 0)));
        list.add(ReleaseMember.file(synset + "_bomb.JPEG", SyntheticImages.dimensionBomb()));
        return 4; // tiny, noise, truncated, bomb
    }

    /** Entries only a tar can hold: a link, an absolute and an escaping path, a repeated name. */
    private int addHostileTarEntries(String synset, List<ReleaseMember> list) {
        byte[] first = list.get(0).data();
        list.add(ReleaseMember.symlink(synset + "_link.JPEG", list.get(0).name()));
        list.add(ReleaseMember.file("/tmp/" + synset + "_absolute.JPEG", first));
        list.add(ReleaseMember.file("../" + synset + "_escape.JPEG", first));
        list.add(ReleaseMember.file(list.get(1).name(), first));
        return 5; // link, absolute, escape, duplicate, and the damaged block written after the members
    }

    private byte[] image(int rank, int index) throws IOException {
        int roll = random.nextInt(100);
        boolean large = roll < 8;
        boolean grey = roll >= 95;
        int w = large ? 650 + random.nextInt(500) : 96 + random.nextInt(400);
        int h = large ? 620 + random.nextInt(400) : 80 + random.nextInt(360);
        return SyntheticImages.jpeg(render(w, h, grey, rank * 7919L + index), 80 + random.nextInt(16));
    }

    /** A tiny image, or one in eight with a longer side of 224 to 287 px (what a squash to 224 resizes). */
    private byte[] tinyImage(int rank, int index) throws IOException {
        boolean large = random.nextInt(8) == 0;
        int longer = large ? 224 + random.nextInt(64) : 8 + random.nextInt(56);
        int shorter = 8 + random.nextInt(Math.min(longer, 64) - 7);
        boolean wide = random.nextBoolean();
        return SyntheticImages.jpeg(render(wide ? longer : shorter, wide ? shorter : longer, false, rank * 7919L + index), 85);
    }

    /** Each picture's colours come from the spec's seed and its own salt. */
    private BufferedImage render(int w, int h, boolean grey, long salt) {
        return SyntheticImages.render(w, h, grey, spec.seed() * 31 + salt);
    }
}
