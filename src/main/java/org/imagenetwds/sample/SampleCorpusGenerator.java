package org.imagenetwds.sample;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.imagenetwds.dataset.InputLayout;

/**
 * Plans and writes a small fall11-shaped input of generated images: a long-tailed class-size
 * distribution (a few large synsets, many small ones) and, in the largest synsets, the odd members
 * real data has: a tiny image, greyscale images, a PNG and a GIF named {@code .JPEG}, an Exif-laden
 * JPEG, random bytes and a truncated JPEG. The same spec always gives the same bytes.
 */
public final class SampleCorpusGenerator {

    /** What to generate. {@code largest} is the size of the biggest synset; the tail decays as a power law. */
    public record Spec(int synsets, int largest, long seed, InputLayout layout) {
        public Spec {
            if (synsets < 1 || largest < 8) {
                throw new IllegalArgumentException("need at least 1 synset and a largest class of 8, got "
                        + synsets + " and " + largest);
            }
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
            int count = Math.max(2, (int) Math.round(spec.largest() / Math.pow(1 + rank, 0.8)));
            List<ReleaseMember> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                list.add(ReleaseMember.file(synset + "_" + (i + 1) + ".JPEG", image(rank, i)));
            }
            if (rank < 2) {
                rejects += addOddMembers(synset, list);
            }
            boolean hostile = rank == 0 && spec.layout() != InputLayout.FOLDERS;
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

    /** Synset ids in the real {@code n} + 8 digits form, distinct, ranked in a random order. */
    private List<String> synsetIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < spec.synsets(); i++) {
            ids.add(String.format("n%08d", 1_000_000 + i * 104_729 + random.nextInt(1000)));
        }
        Collections.shuffle(ids, random);
        return ids;
    }

    /** Appends the odd members; returns how many of them must end up rejected. */
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

    /** Each picture's colours come from the spec's seed and its own salt. */
    private BufferedImage render(int w, int h, boolean grey, long salt) {
        return SyntheticImages.render(w, h, grey, spec.seed() * 31 + salt);
    }
}
