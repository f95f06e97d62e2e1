package org.imagenetwds.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.imagenetwds.image.ImageFingerprint;
import org.imagenetwds.image.ImageRejectedException;
import org.imagenetwds.sample.AlteredCopies;

/**
 * Measures where near-duplicate detection should draw its line: the Hamming distances of
 * {@code dc_hash} and {@code gradient_hash} between all pairs of distinct real images, and between
 * each image and altered copies of it ({@link AlteredCopies#random}: resized 0.55–0.9, re-encoded at
 * quality 55–92, brightness ±6 %, Exif on half). Prints both distributions, the detection rate and
 * the false pairs at each threshold, and the expected false pairs among 10^14 pairs (14.2M images)
 * from the measured tail. Usage: {@code NearDuplicateThreshold SAMPLES_DIR [COPIES_PER_IMAGE] [SEED]}.
 */
public final class NearDuplicateThreshold {

    private static final double FULL_SCALE_PAIRS = 14.2e6 * (14.2e6 - 1) / 2;

    private NearDuplicateThreshold() {
    }

    public static void main(String[] args) throws IOException, ImageRejectedException {
        Path dir = Path.of(args[0]);
        int copies = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Random random = new Random(args.length > 2 ? Long.parseLong(args[2]) : 24);
        List<byte[]> images = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                images.add(Files.readAllBytes(p));
            }
        }
        List<ImageFingerprint> originals = new ArrayList<>();
        long[][] alteredJoint = new long[65][65];
        long altered = 0;
        for (byte[] image : images) {
            ImageFingerprint f = ImageFingerprint.ofDecodableJpeg(image);
            originals.add(f);
            for (int c = 0; c < copies; c++) {
                ImageFingerprint copy = ImageFingerprint.ofDecodableJpeg(AlteredCopies.random(image, random));
                alteredJoint[f.distance(copy)][Long.bitCount(f.gradientHash() ^ copy.gradientHash())]++;
                altered++;
            }
        }
        long[][] distinctJoint = new long[65][65];
        long distinct = 0;
        for (int i = 0; i < originals.size(); i++) {
            for (int j = i + 1; j < originals.size(); j++) {
                ImageFingerprint a = originals.get(i);
                ImageFingerprint b = originals.get(j);
                distinctJoint[a.distance(b)][Long.bitCount(a.gradientHash() ^ b.gradientHash())]++;
                distinct++;
            }
        }
        System.out.printf("%d images, %d distinct pairs, %d altered copies%n", images.size(), distinct, altered);
        System.out.println("dc_hash distance: distinct pairs, altered pairs (count, cumulative fraction)");
        long cumDistinct = 0;
        long cumAltered = 0;
        for (int d = 0; d <= 64; d++) {
            long nd = rowSum(distinctJoint[d]);
            long na = rowSum(alteredJoint[d]);
            cumDistinct += nd;
            cumAltered += na;
            if (nd + na > 0) {
                System.out.printf("  %2d  %8d %.3e   %6d %.4f%n", d, nd, (double) cumDistinct / distinct, na,
                        (double) cumAltered / altered);
            }
        }
        System.out.println("gradient_hash distance among pairs with dc_hash distance <= 20: distinct, altered");
        for (int g = 0; g <= 64; g++) {
            long nd = 0;
            long na = 0;
            for (int d = 0; d <= 20; d++) {
                nd += distinctJoint[d][g];
                na += alteredJoint[d][g];
            }
            if (nd + na > 0) {
                System.out.printf("  %2d  %6d  %6d%n", g, nd, na);
            }
        }
        // a near pair has dc <= T and gradient <= G, so dc + gradient <= T + G: the tail of that sum over
        // 128 correlated bits, as a beta-binomial with the measured mean and variance, bounds the false rate
        double mean = 0;
        double square = 0;
        long[] sums = new long[129];
        for (int d = 0; d <= 64; d++) {
            for (int k = 0; k <= 64; k++) {
                sums[d + k] += distinctJoint[d][k];
                mean += (double) (d + k) * distinctJoint[d][k];
                square += (double) (d + k) * (d + k) * distinctJoint[d][k];
            }
        }
        mean /= distinct;
        double variance = square / distinct - mean * mean;
        BetaBinomial model = BetaBinomial.fit(128, mean, variance);
        System.out.printf("dc + gradient distance of distinct pairs: mean %.2f, sd %.2f; beta-binomial alpha %.2f beta %.2f%n",
                mean, Math.sqrt(variance), model.alpha, model.beta);
        System.out.println("  sum  measured cumulative fraction  fitted");
        long cumulative = 0;
        for (int v = 0; v <= 128; v++) {
            cumulative += sums[v];
            if (cumulative > 0 && v <= mean) {
                System.out.printf("  %3d  %.3e  %.3e%n", v, (double) cumulative / distinct, model.cdf(v));
            }
        }
        System.out.println("thresholds (dc <= T, gradient <= G): altered copies found, distinct pairs near,"
                + " fitted P(dc + gradient <= T + G), expected false pairs among 10^14 (at most)");
        for (int t = 2; t <= 10; t += 2) {
            for (int g = 4; g <= 12; g += 2) {
                long found = 0;
                long near = 0;
                for (int d = 0; d <= t; d++) {
                    for (int k = 0; k <= g; k++) {
                        found += alteredJoint[d][k];
                        near += distinctJoint[d][k];
                    }
                }
                double tail = model.cdf(t + g);
                System.out.printf("  T=%2d G=%2d  %.4f  %d  %.2e  %.2e%n", t, g, (double) found / altered, near, tail,
                        tail * FULL_SCALE_PAIRS);
            }
        }
    }

    private static long rowSum(long[] row) {
        long n = 0;
        for (long v : row) {
            n += v;
        }
        return n;
    }

    /** A beta-binomial distribution over 0..n, fitted by its moments: a binomial whose bits are correlated. */
    private record BetaBinomial(int n, double alpha, double beta) {

        static BetaBinomial fit(int n, double mean, double variance) {
            double p = mean / n;
            // variance = n p (1-p) (alpha + beta + n) / (alpha + beta + 1)
            double ratio = variance / (n * p * (1 - p));
            double sum = (n - ratio) / (ratio - 1); // alpha + beta
            return new BetaBinomial(n, p * sum, (1 - p) * sum);
        }

        double cdf(int k) {
            double total = 0;
            for (int i = 0; i <= k; i++) {
                total += Math.exp(logChoose(n, i) + logBeta(i + alpha, n - i + beta) - logBeta(alpha, beta));
            }
            return total;
        }

        private static double logChoose(int n, int k) {
            return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
        }

        private static double logBeta(double a, double b) {
            return logGamma(a) + logGamma(b) - logGamma(a + b);
        }

        /** Lanczos (g = 7, 9 terms), accurate to ~1e-15 relative for x > 0. */
        private static double logGamma(double x) {
            double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
                1.5056327351493116e-7};
            if (x < 0.5) {
                return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
            }
            x -= 1;
            double a = c[0];
            double t = x + 7.5;
            for (int i = 1; i < 9; i++) {
                a += c[i] / (x + i);
            }
            return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
        }
    }
}
