package org.imagenetwds.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.imagenetwds.image.ImageProbe;
import org.imagenetwds.image.ImageRejectedException;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.image.JpegDecodabilityCheck;
import org.imagenetwds.image.TransformedImage;
import org.imagenetwds.tar.WebDatasetShardWriter;
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
 * The per-image paths on the real samples, one image per invocation (round robin over the set):
 * {@code copy} (plain JPEG within the limit: probe + metadata strip), {@code resize} (the 26 samples
 * whose shorter edge is above 600), {@code convert} (real samples stored as PNG), and the tar
 * writer per sample; {@code decodabilityCheck}, what count spends per JPEG to prove libjpeg decodes it. Samples folder: parameter {@code samples} ({@code bench/resize-floor.sh} points it at
 * a folder of large images only, for {@code resize}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ImagePathsBenchmark {

    @Param({"../shared/data/imagenet-samples"})
    public String samples;

    private final ImageRules rules = ImageRules.defaults();
    private final List<byte[]> copy = new ArrayList<>();
    private final List<byte[]> resize = new ArrayList<>();
    private final List<byte[]> convert = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException, ImageRejectedException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(samples))) {
            files = s.filter(p -> p.toString().endsWith(".JPEG")).sorted().toList();
        }
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            if (ImageProbe.probe(bytes).shortEdge() > rules.maxShortEdge()) {
                resize.add(bytes);
            } else {
                copy.add(bytes);
            }
        }
        for (int i = 0; i < 26 && i * 37 < copy.size(); i++) { // none from a folder of large images only
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(ImageIO.read(new java.io.ByteArrayInputStream(copy.get(i * 37))), "png", png);
            convert.add(png.toByteArray());
        }
        if (resize.isEmpty() && copy.isEmpty()) {
            throw new IllegalStateException("no samples under " + samples);
        }
    }

    private byte[] pick(List<byte[]> set) {
        next = (next + 1) % set.size();
        return set.get(next);
    }

    @Benchmark
    public TransformedImage copyWithStrip() throws ImageRejectedException {
        return rules.apply(pick(copy));
    }

    /** count's decodability proof of one plain JPEG (every Huffman code of every scan, no IDCT). */
    @Benchmark
    public int decodabilityCheck() throws ImageRejectedException {
        byte[] jpeg = pick(copy);
        JpegDecodabilityCheck.check(jpeg);
        return jpeg.length;
    }

    @Benchmark
    public TransformedImage resize() throws ImageRejectedException {
        return rules.apply(pick(resize));
    }

    @Benchmark
    public TransformedImage convertPng() throws ImageRejectedException {
        return rules.apply(pick(convert));
    }

    /** Appending one copied sample (cls, jpg, json) to a shard, without the image work. */
    @Benchmark
    public long tarWriterPerSample() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(200_000);
        try (WebDatasetShardWriter w = new WebDatasetShardWriter(out)) {
            w.write("n01440764_10026", 17, pick(copy), "{\"label\":17}".getBytes());
        }
        return out.size();
    }
}
