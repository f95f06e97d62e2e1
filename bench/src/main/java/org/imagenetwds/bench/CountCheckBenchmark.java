package org.imagenetwds.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.imagenetwds.image.ImageFingerprint;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.image.ImageRejectedException;
import org.imagenetwds.image.JpegDecodabilityCheck;
import org.imagenetwds.inventory.InventoryEntry;
import org.imagenetwds.inventory.TarInventoryScanner;
import org.imagenetwds.recipe.OutputFormat;
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
 * {@code countUnit} is what count does per member, the check within it.
 * {@code bench/fingerprint-cost.sh} runs {@code check} and {@code countUnit} on the code before the fingerprint too.
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

    /**
     * count's whole work on one per-synset tar of {@value #UNIT_MEMBERS} real samples, held in memory:
     * tar parsing, naming, probe, size rules, the check (and, after #24, the fingerprint), the rows.
     * Divide by {@value #UNIT_MEMBERS} for a member's time.
     */
    @Benchmark
    public List<InventoryEntry> countUnit() throws IOException {
        nextUnit = (nextUnit + 1) % units.size();
        byte[] tar = units.get(nextUnit);
        return TarInventoryScanner.scan(new ByteArrayInputStream(tar), "n01440764", "bench.tar", 0, tar.length,
                new ImageRules(ImageRules.DEFAULT_MIN_EDGE, ImageRules.DEFAULT_MAX_SHORT_EDGE, ImageRules.DEFAULT_JPEG_QUALITY,
                        ImageRules.DEFAULT_MAX_PIXELS), OutputFormat.WEBDATASET);
    }

    static final int UNIT_MEMBERS = 100;

    private final List<byte[]> units = new ArrayList<>();
    private int nextUnit;

    @Setup(Level.Trial)
    public void packUnits() throws IOException {
        for (int from = 0; from + UNIT_MEMBERS <= jpegs.size(); from += UNIT_MEMBERS) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
                for (int i = from; i < from + UNIT_MEMBERS; i++) {
                    TarArchiveEntry entry = new TarArchiveEntry(String.format("n01440764_%d.JPEG", i));
                    entry.setSize(jpegs.get(i).length);
                    tar.putArchiveEntry(entry);
                    tar.write(jpegs.get(i));
                    tar.closeArchiveEntry();
                }
            }
            units.add(bytes.toByteArray());
        }
    }
}
