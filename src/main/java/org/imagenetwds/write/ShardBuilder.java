package org.imagenetwds.write;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.apache.commons.io.output.CountingOutputStream;

import org.imagenetwds.dataset.SampleJson;
import org.imagenetwds.dataset.SampleKeys;
import org.imagenetwds.dataset.Sha256;
import org.imagenetwds.image.ImageEncoding;
import org.imagenetwds.image.ImageProbe;
import org.imagenetwds.image.ImageRejectedException;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.image.ImageTransformer;
import org.imagenetwds.image.JpegRepair;
import org.imagenetwds.image.TransformedImage;
import org.imagenetwds.inventory.InventoryEntry;
import org.imagenetwds.labels.ValidationLabels;
import org.imagenetwds.plan.ImageFolderLayout;
import org.imagenetwds.recipe.ClassView;
import org.imagenetwds.tar.WebDatasetShardWriter;

/**
 * Builds one shard: reads each planned sample's bytes, applies the image rules and appends the
 * sample to the tar, in plan order. A sample that fails the rules becomes a rejected row; it never
 * fails the shard. Only source read errors (the storage, not the image) propagate, so the task is
 * retried.
 */
@SuppressWarnings("deprecation") // CountingOutputStream: its builder is missing from older commons-io
public final class ShardBuilder implements AutoCloseable {

    private final ImageTransformer transformer;
    private final ImageEncoding encoding;
    private final IntFunction<? extends ByteRangeReader> readers;
    private final int readParallelism;
    private final ValidationLabels labels;
    private final String viewLabelField;

    public ShardBuilder(ImageRules rules, ByteRangeReader reader) {
        this(rules, reader, ImageTransformer.DEFAULT_TIME_LIMIT);
    }

    public ShardBuilder(ImageRules rules, ByteRangeReader reader, Duration imageTimeLimit) {
        this(rules, threads -> reader, 1, imageTimeLimit, ValidationLabels.NONE, null);
    }

    /**
     * @param readers         makes a reader for each thread that reads samples, given how many threads do
     * @param readParallelism sample reads in flight ahead of the writer (see {@link SamplePrefetcher})
     * @param labels          the label sets whose fields a validation sample's json gains
     * @param view            the dataset's class view, whose label every sample's json gains, or null
     */
    public ShardBuilder(ImageRules rules, IntFunction<? extends ByteRangeReader> readers, int readParallelism,
                        Duration imageTimeLimit, ValidationLabels labels, ClassView view) {
        this.transformer = new ImageTransformer(rules, imageTimeLimit);
        this.encoding = rules.encoding();
        this.readers = readers;
        this.readParallelism = readParallelism;
        this.labels = labels;
        this.viewLabelField = view == null ? null : view.labelField();
    }

    /** Stores one written sample's image (and json) and says where its members went. */
    @FunctionalInterface
    private interface SampleSink {
        ManifestEntry write(PlannedSample sample, TransformedImage image, byte[] json, int position, byte[] source)
                throws IOException;
    }

    /** Writes one file of an ImageFolder tree, by its path relative to the output. */
    @FunctionalInterface
    public interface FileWriter {
        void write(String relativePath, byte[] data) throws IOException;
    }

    /** The shard as a WebDataset tar into {@code out}. @param samples the shard's samples in position order */
    public ShardResult build(String split, String shard, List<PlannedSample> samples, OutputStream out)
            throws IOException {
        MessageDigest shardDigest = Sha256.newDigest();
        MessageDigest sourceDigest = Sha256.newDigest(); // reused: digest() resets it
        // tar records are 10 KB; one write per MB instead costs the storage stream far fewer calls.
        // Closing the tar (also when a source read fails) flushes into the caller's stream but never closes
        // it: the caller completes or aborts it, and closing an S3A stream would publish a truncated shard.
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 20) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
        CountingOutputStream counting = new CountingOutputStream(buffered);
        Written written;
        try (DigestOutputStream digesting = new DigestOutputStream(counting, shardDigest);
             WebDatasetShardWriter writer = new WebDatasetShardWriter(digesting, encoding)) {
            written = write(samples, (s, image, json, position, source) -> {
                WebDatasetShardWriter.SampleOffsets o = writer.write(s.key(), s.label(), image.bytes(), json);
                return manifestEntry(s, image, split, shard, position, o, sourceDigest.digest(source));
            });
        }
        return new ShardResult(shard, counting.getByteCount(), Sha256.hex(shardDigest.digest()), written.entries(),
                written.rejected());
    }

    /**
     * The same samples as image files of an ImageFolder tree ({@link ImageFolderLayout}); the result's
     * size and checksum are over the images in order.
     */
    public ShardResult buildFiles(String split, String shard, List<PlannedSample> samples, FileWriter files)
            throws IOException {
        MessageDigest digest = Sha256.newDigest();
        MessageDigest sourceDigest = Sha256.newDigest();
        long[] bytes = {0};
        Written written = write(samples, (s, image, json, position, source) -> {
            String path = ImageFolderLayout.pathOf(split, s.synset(), s.member(), encoding);
            files.write(path, image.bytes());
            digest.update(image.bytes());
            bytes[0] += image.bytes().length;
            return manifestEntry(s, image, split, path, position,
                    new WebDatasetShardWriter.SampleOffsets(0, 0, 0, image.bytes().length, 0, 0), sourceDigest.digest(source));
        });
        return new ShardResult(shard, bytes[0], Sha256.hex(digest.digest()), written.entries(), written.rejected());
    }

    private record Written(List<ManifestEntry> entries, List<InventoryEntry> rejected) {
    }

    /** Reads, transforms and stores each sample in plan order; a sample the rules reject becomes a rejected row. */
    private Written write(List<PlannedSample> samples, SampleSink sink) throws IOException {
        List<ManifestEntry> written = new ArrayList<>();
        List<InventoryEntry> rejected = new ArrayList<>();
        try (SamplePrefetcher prefetcher = new SamplePrefetcher(samples, readers, readParallelism)) {
            for (PlannedSample s : samples) {
                byte[] source = prefetcher.next();
                TransformedImage image;
                try {
                    image = transform(source, s.repair());
                } catch (ImageRejectedException e) {
                    rejected.add(InventoryEntry.rejected(s.synset(), s.key(), s.member(), s.source(), s.offset(),
                            s.length(), e.reason(), e.detail()));
                    continue;
                }
                Map<String, Object> extra = new LinkedHashMap<>();
                if (viewLabelField != null) {
                    extra.put(viewLabelField, s.viewLabel());
                }
                extra.putAll(labels.fieldsOf(SampleKeys.baseName(s.member())));
                byte[] json = SampleJson.of(s.label(), s.synset(), s.member(), image.width(), image.height(),
                        image.origWidth(), image.origHeight(), extra);
                written.add(sink.write(s, image, json, written.size(), source));
            }
        }
        return new Written(written, rejected);
    }

    private static ManifestEntry manifestEntry(PlannedSample s, TransformedImage image, String split, String location,
                                               int position, WebDatasetShardWriter.SampleOffsets o, byte[] sourceSha256) {
        return new ManifestEntry(s.key(), s.synset(), s.label(), split, location, position, o.clsOffset(), o.clsLength(),
                o.jpgOffset(), o.jpgLength(), o.jsonOffset(), o.jsonLength(), image.width(), image.height(),
                image.origWidth(), image.origHeight(), image.action().code(), s.source(), s.member(),
                Sha256.hex(sourceSha256), s.repair());
    }

    /**
     * The rules applied to the sample, repaired first as count found it repairable: a lossless repair
     * is made again (the same splices of the same bytes), a re-encode decodes the bytes leniently.
     */
    private TransformedImage transform(byte[] source, String repair) throws ImageRejectedException {
        if (repair == null) {
            return transformer.transform(source, ImageProbe.probe(source));
        }
        JpegRepair.Repair r = JpegRepair.plan(source, ImageTransformer.DEFAULT_TIME_LIMIT);
        byte[] mended = r == null ? source : r.repaired();
        return r == null || r.kind().lossless() ? transformer.transform(mended, ImageProbe.probe(mended))
                : transformer.transformDamaged(mended, ImageProbe.probe(mended));
    }

    @Override
    public void close() {
        transformer.close();
    }
}
