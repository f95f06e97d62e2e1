package org.imagenetwds.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.imagenetwds.image.ImageFingerprint;
import org.imagenetwds.image.ImageRejectedException;
import org.imagenetwds.image.JpegDecodabilityCheck;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What count spends per plain JPEG, one real sample per invocation (round robin over all of them):
 * {@code check}, the decodability proof alone, and {@code checkAndFingerprint}, the same pass that
 * also fingerprints the image (the DC image's hashes, SHA-256 of the stripped file).
 * {@code bench/fingerprint-cost.sh} runs {@code check} on the code before the fingerprint too.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CountCheckBenchmark {

    @Param({"../shared/data/imagenet-samples"})
    public String samples;

    private final List<byte[]> jpegs = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(samples))) {
            for (Path p : s.sorted().toList()) {
                jpegs.add(Files.readAllBytes(p));
            }
        }
        if (jpegs.isEmpty()) {
            throw new IllegalStateException("no samples under " + samples);
        }
    }

    private byte[] pick() {
        next = (next + 1) % jpegs.size();
        return jpegs.get(next);
    }

    @Benchmark
    public int check() throws ImageRejectedException {
        byte[] jpeg = pick();
        JpegDecodabilityCheck.check(jpeg);
        return jpeg.length;
    }

    @Benchmark
    public ImageFingerprint checkAndFingerprint() throws ImageRejectedException {
        return ImageFingerprint.ofDecodableJpeg(pick());
    }
}
