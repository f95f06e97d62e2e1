package org.imagenetwds.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.imagenetwds.sample.ReleaseMember;
import org.imagenetwds.sample.ReleaseTar;
import org.imagenetwds.sample.SyntheticImages;

/**
 * Writes {@code fall11_whole.tar} of the real fall11 shape ({@link FullShapePlan}) with tiny JPEGs,
 * so that the rows are real and the bytes few: members cycle through a pool of distinct 48–64 px
 * images; one in {@value #LARGE_EVERY} is a photo-sized image that the rules resize; every
 * {@value #REJECT_EVERY}th 12k class gets one more member that must be rejected (too small or
 * truncated; the usable counts stay exact). Prints what it wrote, for bench/full-shape.sh to check.
 *
 * <p>usage: FullShapeCorpus OUTPUT_DIR META_DIR DIVIDE
 */
public final class FullShapeCorpus {

    static final int LARGE_EVERY = 2_000;
    static final int REJECT_EVERY = 50;
    private static final int POOL = 4_096;
    private static final long SEED = 7;

    private FullShapeCorpus() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: FullShapeCorpus OUTPUT_DIR META_DIR DIVIDE");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Path meta = Path.of(args[1]);
        int divide = Integer.parseInt(args[2]);
        List<String> synsets = Files.readAllLines(meta.resolve("imagenet22k_synsets.txt")).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        Map<String, Integer> train12k = trainCounts(meta.resolve("frequency_12k.json"));
        FullShapePlan plan = FullShapePlan.of(synsets, train12k, divide, SEED);
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        Counts c = write(plan, train12k, out.resolve("fall11_whole.tar"));
        System.out.printf("FULLSHAPE divide=%d synsets=%d members=%d usable=%d usable_12k=%d smallest_12k=%d "
                        + "large=%d too_small=%d truncated=%d rejects=%d bytes=%d seconds=%.1f%n",
                divide, plan.usable().size(), c.members, plan.total(), c.usable12k, plan.smallest12k(), c.large,
                c.tooSmall, c.truncated, c.tooSmall + c.truncated, c.bytes, (System.nanoTime() - t0) / 1e9);
    }

    /** {@code frequency_12k.json}: a flat object of WNID to train count. */
    static Map<String, Integer> trainCounts(Path json) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"(n\\d{8})\"\\s*:\\s*(\\d+)").matcher(Files.readString(json));
        while (m.find()) {
            counts.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        if (counts.isEmpty()) {
            throw new IOException("no \"nXXXXXXXX\": count pairs in " + json);
        }
        return counts;
    }

    private static final class Counts {
        long members;
        long usable12k;
        long large;
        long tooSmall;
        long truncated;
        long bytes;
    }

    private static Counts write(FullShapePlan plan, Map<String, Integer> train12k, Path tar) throws IOException {
        Random random = new Random(SEED);
        byte[][] tiny = new byte[POOL][];
        for (int i = 0; i < POOL; i++) {
            tiny[i] = SyntheticImages.jpeg(SyntheticImages.render(48 + random.nextInt(17), 48 + random.nextInt(17),
                    false, random.nextLong()), 75);
        }
        byte[][] large = new byte[8][];
        for (int i = 0; i < large.length; i++) {
            boolean portrait = i % 2 == 1;
            large[i] = SyntheticImages.jpeg(SyntheticImages.render(portrait ? 1200 : 1600, portrait ? 1600 : 1200,
                    false, random.nextLong()), 90);
        }
        byte[] tooSmall = SyntheticImages.jpeg(SyntheticImages.render(40, 32, false, random.nextLong()), 75);
        byte[] truncated = SyntheticImages.truncated(
                SyntheticImages.jpeg(SyntheticImages.render(64, 64, false, random.nextLong()), 75));
        Counts c = new Counts();
        long k = 0;
        int class12k = 0;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tar), 1 << 20);
             ReleaseTar outer = new ReleaseTar(file)) {
            for (Map.Entry<String, Integer> e : plan.usable().entrySet()) {
                String synset = e.getKey();
                List<ReleaseMember> members = new ArrayList<>(e.getValue() + 1);
                for (int i = 0; i < e.getValue(); i++, k++) {
                    boolean big = k % LARGE_EVERY == LARGE_EVERY - 1;
                    byte[] data = big ? large[(int) (k / LARGE_EVERY % large.length)] : tiny[(int) (k % POOL)];
                    c.large += big ? 1 : 0;
                    members.add(ReleaseMember.file(synset + "_" + (i + 1) + ".JPEG", data));
                }
                if (train12k.containsKey(synset)) {
                    c.usable12k += e.getValue();
                    if (class12k++ % REJECT_EVERY == 0) {
                        boolean small = class12k / REJECT_EVERY % 2 == 0;
                        members.add(ReleaseMember.file(synset + "_reject.JPEG", small ? tooSmall : truncated));
                        c.tooSmall += small ? 1 : 0;
                        c.truncated += small ? 0 : 1;
                    }
                }
                c.members += members.size();
                for (ReleaseMember m : members) {
                    c.bytes += m.data().length;
                }
                outer.add(ReleaseMember.file(synset + ".tar", ReleaseTar.bytes(members)));
            }
        }
        return c;
    }
}
