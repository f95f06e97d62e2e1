package org.imagenetwds.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SamplePrefetcherTest {

    /** A reader whose bytes say where they came from, and which notes the threads and closes it sees. */
    private static final class NamingReader implements ByteRangeReader, AutoCloseable {
        final Set<String> threads;
        final AtomicInteger closed;

        NamingReader(Set<String> threads, AtomicInteger closed) {
            this.threads = threads;
            this.closed = closed;
        }

        @Override
        public byte[] read(String source, long offset, long length) throws IOException {
            threads.add(Thread.currentThread().getName());
            if (source.equals("broken")) {
                throw new IOException("storage error at " + offset);
            }
            byte[] b = new byte[(int) length];
            b[0] = (byte) offset;
            return b;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    private static List<PlannedSample> samples(int n, String source) {
        List<PlannedSample> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new PlannedSample("k" + i, "n00000001", 0, "m" + i, source, i, 10 + i, i));
        }
        return list;
    }

    @Test
    void readsAheadOnSeveralThreadsButHandsOutInPlanOrderAndClosesEveryReader() throws IOException {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        List<PlannedSample> plan = samples(200, "a.tar");
        try (SamplePrefetcher p = new SamplePrefetcher(plan, threadCount -> {
            created.incrementAndGet();
            return new NamingReader(threads, closed);
        }, 4)) {
            for (PlannedSample s : plan) {
                byte[] b = p.next();
                assertEquals(s.length(), b.length);
                assertEquals((byte) s.offset(), b[0]);
            }
        }
        assertTrue(created.get() >= 1 && created.get() <= 4, "one reader per reading thread: " + created);
        assertEquals(created.get(), closed.get());
        assertTrue(threads.stream().allMatch(t -> t.equals("imagenet-wds-reader")), threads.toString());
    }

    @Test
    void parallelismOneReadsInlineWithOneReader() throws IOException {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger closed = new AtomicInteger();
        List<PlannedSample> plan = samples(5, "a.tar");
        try (SamplePrefetcher p = new SamplePrefetcher(plan, threadCount -> new NamingReader(threads, closed), 1)) {
            for (int i = 0; i < plan.size(); i++) {
                assertArrayEquals(new NamingReader(threads, closed).read("a.tar", i, 10 + i), p.next());
            }
        }
        assertEquals(Set.of(Thread.currentThread().getName()), threads);
        assertEquals(1, closed.get());
    }

    @Test
    void aStorageErrorReachesTheCallerAsItself() throws IOException {
        try (SamplePrefetcher p = new SamplePrefetcher(samples(3, "broken"),
                threadCount -> new NamingReader(ConcurrentHashMap.newKeySet(), new AtomicInteger()), 3)) {
            IOException e = assertThrows(IOException.class, p::next);
            assertEquals("storage error at 0", e.getMessage());
        }
    }
}
