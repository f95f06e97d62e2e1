package org.imagenetwds.image;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.imagenetwds.dataset.RejectReason;

/**
 * Applies the {@link ImageRules} to one image at a time, safely: metadata surgery runs inline
 * (linear in the bytes); anything that decodes pixels runs on a worker thread under a time limit,
 * so a pathological image costs at most that long and becomes a rejection, and a decoder bug on one
 * hostile image becomes a rejection too. One instance per task thread; close it when done.
 */
public final class ImageTransformer implements AutoCloseable {

    /** Longest a single image may take to decode, resize and encode before it is rejected. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(60);

    private final ImageRules rules;
    private final Duration timeLimit;
    private ExecutorService decoder;

    public ImageTransformer(ImageRules rules, Duration timeLimit) {
        this.rules = rules;
        this.timeLimit = timeLimit;
    }

    public ImageRules rules() {
        return rules;
    }

    /** @param header read from {@code source} by {@link ImageProbe} */
    public TransformedImage transform(byte[] source, ImageHeader header) throws ImageRejectedException {
        if (rules.keepsCompressedData(header)) {
            return rules.apply(source, header);
        }
        return underLimit(() -> rules.apply(source, header));
    }

    /** {@link ImageRules#applyToDamaged}, under the time limit. */
    public TransformedImage transformDamaged(byte[] source, ImageHeader header) throws ImageRejectedException {
        return underLimit(() -> rules.applyToDamaged(source, header));
    }

    private TransformedImage underLimit(java.util.concurrent.Callable<TransformedImage> work) throws ImageRejectedException {
        if (decoder == null) {
            decoder = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "imagenet-wds-decoder");
                t.setDaemon(true);
                return t;
            });
        }
        Future<TransformedImage> result = decoder.submit(work);
        try {
            return result.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            decoder.shutdownNow(); // the stuck thread is abandoned; the next image gets a fresh one
            decoder = null;
            throw new ImageRejectedException(RejectReason.DECODE_ERROR,
                    "no result within " + timeLimit.toSeconds() + " s (image time limit)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImageRejectedException rejected) {
                throw rejected;
            }
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
