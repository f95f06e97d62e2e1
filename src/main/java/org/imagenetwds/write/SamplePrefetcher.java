package org.imagenetwds.write;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Hands out the bytes of a shard's samples in plan order while reading up to {@code parallelism}
 * of the following ones: on an object store every sample is a ranged GET, and one GET after
 * another would leave a task waiting on latency most of the time. Each reading thread has its own
 * reader (streams are not shared between threads), and at most {@link #MAX_BYTES_AHEAD} bytes
 * beyond the current sample are held. With {@code parallelism} 1 it reads inline, on the caller's
 * thread.
 */
public final class SamplePrefetcher implements AutoCloseable {

    /** Bound on the bytes read ahead of the writer (one sample is always allowed, whatever its size). */
    public static final long MAX_BYTES_AHEAD = 32L << 20;

    private final List<PlannedSample> samples;
    private final IntFunction<? extends ByteRangeReader> readers;
    private final int parallelism;
    private final List<ByteRangeReader> opened = new ArrayList<>();
    private final ThreadLocal<ByteRangeReader> reader;
    private final Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private final ExecutorService pool;
    private int submitted;
    private int handedOut;
    private long bytesAhead;

    public SamplePrefetcher(List<PlannedSample> samples, IntFunction<? extends ByteRangeReader> readers, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("read parallelism must be at least 1, got " + parallelism);
        }
        this.samples = samples;
        this.readers = readers;
        this.parallelism = parallelism;
        this.reader = ThreadLocal.withInitial(this::open);
        this.pool = parallelism == 1 ? null : Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "imagenet-wds-reader");
            t.setDaemon(true);
            return t;
        });
    }

    /** The bytes of the next sample in plan order. */
    public byte[] next() throws IOException {
        if (handedOut >= samples.size()) {
            throw new IllegalStateException("all " + samples.size() + " samples were handed out");
        }
        PlannedSample current = samples.get(handedOut++);
        if (pool == null) {
            return reader.get().read(current.source(), current.offset(), current.length());
        }
        fill();
        byte[] data = await(inFlight.removeFirst(), current);
        bytesAhead -= current.length();
        fill();
        return data;
    }

    private void fill() {
        while (submitted < samples.size() && inFlight.size() < 2 * parallelism
                && (inFlight.isEmpty() || bytesAhead + samples.get(submitted).length() <= MAX_BYTES_AHEAD)) {
            PlannedSample s = samples.get(submitted++);
            bytesAhead += s.length();
            inFlight.addLast(pool.submit(() -> reader.get().read(s.source(), s.offset(), s.length())));
        }
    }

    private static byte[] await(Future<byte[]> read, PlannedSample sample) throws IOException {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + sample.member() + " of " + sample.source());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("reading " + sample.member() + " of " + sample.source() + " failed: " + e.getCause(),
                    e.getCause());
        }
    }

    private ByteRangeReader open() {
        ByteRangeReader r = readers.apply(parallelism);
        synchronized (opened) {
            opened.add(r);
        }
        return r;
    }

    /** Stops reading ahead and closes every reader that was opened. */
    @Override
    public void close() throws IOException {
        if (pool != null) {
            pool.shutdownNow();
        }
        reader.remove(); // the caller is a pooled task thread: do not leave it a closed reader
        IOException first = null;
        synchronized (opened) {
            for (ByteRangeReader r : opened) {
                if (r instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        if (first == null) {
                            first = new IOException("cannot close a sample reader: " + e.getMessage(), e);
                        }
                    }
                }
            }
            opened.clear();
        }
        if (first != null) {
            throw first;
        }
    }
}
