package org.imagenetwds.write;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

import org.apache.commons.io.output.CountingOutputStream;

import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.dataset.SampleJson;
import org.imagenetwds.dataset.Sha256;
import org.imagenetwds.image.ImageHeader;
import org.imagenetwds.image.ImageProbe;
import org.imagenetwds.image.ImageRejectedException;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.image.TransformedImage;
import org.imagenetwds.inventory.InventoryEntry;
import org.imagenetwds.tar.WebDatasetShardWriter;

/**
 * Builds one shard: reads each planned sample's bytes, applies the image rules and appends the
 * sample to the tar, in plan order. A sample that fails the rules becomes a rejected row; it never
 * fails the shard. Only source read errors (the storage, not the image) propagate, so the task is
 * retried.
 */
@SuppressWarnings("deprecation") // CountingOutputStream: its builder is missing from older commons-io
public final class ShardBuilder implements AutoCloseable {

    /** Longest a single image may take to decode, resize and encode before it is rejected. */
    public static final Duration DEFAULT_IMAGE_TIME_LIMIT = Duration.ofSeconds(60);

    private final ImageRules rules;
    private final IntFunction<? extends ByteRangeReader> readers;
    private final int readParallelism;
    private final Duration imageTimeLimit;
    private ExecutorService decoder;

    public ShardBuilder(ImageRules rules, ByteRangeReader reader) {
        this(rules, reader, DEFAULT_IMAGE_TIME_LIMIT);
    }

    public ShardBuilder(ImageRules rules, ByteRangeReader reader, Duration imageTimeLimit) {
        this(rules, threads -> reader, 1, imageTimeLimit);
    }

    /**
     * @param readers         makes a reader for each thread that reads samples, given how many threads do
     * @param readParallelism sample reads in flight ahead of the writer (see {@link SamplePrefetcher})
     */
    public ShardBuilder(ImageRules rules, IntFunction<? extends ByteRangeReader> readers, int readParallelism,
                        Duration imageTimeLimit) {
        this.rules = rules;
        this.readers = readers;
        this.readParallelism = readParallelism;
        this.imageTimeLimit = imageTimeLimit;
    }

    /** @param samples the shard's samples in position order */
    public ShardResult build(String split, String shard, List<PlannedSample> samples, OutputStream out)
            throws IOException {
        MessageDigest shardDigest = Sha256.newDigest();
        MessageDigest sourceDigest = Sha256.newDigest(); // reused: digest() resets it
        List<ManifestEntry> written = new ArrayList<>();
        List<InventoryEntry> rejected = new ArrayList<>();
        // tar records are 10 KB; one write per MB instead costs the storage stream far fewer calls
        CountingOutputStream counting = new CountingOutputStream(new BufferedOutputStream(out, 1 << 20));
        try (SamplePrefetcher prefetcher = new SamplePrefetcher(samples, readers, readParallelism);
             DigestOutputStream digesting = new DigestOutputStream(counting, shardDigest);
             WebDatasetShardWriter writer = new WebDatasetShardWriter(digesting)) {
            for (PlannedSample s : samples) {
                byte[] source = prefetcher.next();
                TransformedImage image;
                try {
                    image = transform(source);
                } catch (ImageRejectedException e) {
                    rejected.add(InventoryEntry.rejected(s.synset(), s.key(), s.member(), s.source(), s.offset(),
                            s.length(), e.reason(), e.detail()));
                    continue;
                }
                byte[] json = SampleJson.of(s.label(), s.synset(), s.member(), image.width(), image.height(),
                        image.origWidth(), image.origHeight());
                WebDatasetShardWriter.SampleOffsets o = writer.write(s.key(), s.label(), image.jpeg(), json);
                written.add(new ManifestEntry(s.key(), s.synset(), s.label(), split, shard, written.size(),
                        o.clsOffset(), o.clsLength(), o.jpgOffset(), o.jpgLength(), o.jsonOffset(), o.jsonLength(),
                        image.width(), image.height(), image.origWidth(), image.origHeight(), image.action().code(),
                        s.source(), s.member(), Sha256.hex(sourceDigest.digest(source))));
            }
        }
        return new ShardResult(shard, counting.getByteCount(), Sha256.hex(shardDigest.digest()), written, rejected);
    }

    /**
     * Metadata surgery runs inline (linear in the bytes); anything that decodes pixels runs on a
     * worker thread under {@link #imageTimeLimit}, so a pathological image costs at most that long
     * and becomes a rejected row.
     */
    private TransformedImage transform(byte[] source) throws ImageRejectedException {
        ImageHeader header = ImageProbe.probe(source);
        if (rules.keepsCompressedData(header)) {
            return rules.apply(source, header);
        }
        if (decoder == null) {
            decoder = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "imagenet-wds-decoder");
                t.setDaemon(true);
                return t;
            });
        }
        Future<TransformedImage> result = decoder.submit(() -> rules.apply(source, header));
        try {
            return result.get(imageTimeLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            decoder.shutdownNow(); // the stuck thread is abandoned; the next image gets a fresh one
            decoder = null;
            throw new ImageRejectedException(RejectReason.DECODE_ERROR,
                    "no result within " + imageTimeLimit.toSeconds() + " s (image time limit)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImageRejectedException rejected) {
                throw rejected;
            }
            // a decoder bug on one hostile image must not take the shard down
            throw new ImageRejectedException(RejectReason.DECODE_ERROR, "decoder failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while transforming an image", e);
        }
    }

    @Override
    public void close() {
        if (decoder != null) {
            decoder.shutdownNow();
        }
    }


}
