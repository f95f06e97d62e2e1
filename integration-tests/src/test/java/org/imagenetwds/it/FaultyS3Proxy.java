package org.imagenetwds.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP proxy in front of an S3 server that behaves like S3 under load: it answers every
 * n-th distinct request (method, path and byte range) with {@code 503 Slow Down} (S3's own error
 * document) on its first k attempts, more than the AWS SDK's own retries
 * ({@code fs.s3a.attempts.maximum}), so that only a retry above the SDK's gets through; and it cuts
 * that retry's response body halfway if it is a GET, closing the connection (counted, not drawn at
 * random: a small run meets its faults). It counts what it forwarded, by method, and the faults it made. Each request gets its own connection to the server ({@code Connection: close}
 * both ways, a header S3 signatures leave out), so a fault never desynchronizes a kept-alive one.
 * It can also limit the GETs per second of each key, as S3 limits a partition ({@link #throttle}).
 */
final class FaultyS3Proxy implements AutoCloseable {

    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
    private static final Pattern RANGE = Pattern.compile("(?im)^range:\\s*(\\S+)\\s*$");
    private static final Pattern CONNECTION = Pattern.compile("(?im)^connection:[^\\r\\n]*\\r\\n");
    private static final String SLOW_DOWN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code>"
            + "<Message>Please reduce your request rate.</Message><RequestId>faulty-proxy</RequestId></Error>";

    private final ServerSocket listener;
    private final int targetPort;
    private final String inputPath;
    private volatile int faultEvery; // 0: never
    private volatile int slowDownAttempts;
    private final AtomicInteger distinctRequests = new AtomicInteger();
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> forwarded = new ConcurrentHashMap<>();
    private final AtomicInteger slowDowns = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile int getsPerSecondPerKey; // 0: no limit
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();

    private FaultyS3Proxy(int targetPort, String inputPath) throws IOException {
        this.targetPort = targetPort;
        this.inputPath = inputPath;
        listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "faulty-s3-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * A proxy on a free loopback port in front of {@code 127.0.0.1:targetPort}, passing all requests
     * through; requests for objects under {@code inputPath} (e.g. {@code /bucket/raw/}) are counted apart.
     */
    static FaultyS3Proxy start(int targetPort, String inputPath) {
        try {
            return new FaultyS3Proxy(targetPort, inputPath);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /**
     * From now on answers every {@code every}-th distinct request with 503 Slow Down on its first
     * {@code slowDownAttempts} attempts and cuts the next attempt's body if it is a GET ({@code every} 0: no faults).
     */
    void faults(int every, int slowDownAttempts) {
        this.faultEvery = every;
        this.slowDownAttempts = slowDownAttempts;
    }

    /**
     * Forwarded requests since the last reset (a cut GET counts: it reached the server), by method and
     * target: {@code input} (an object under the input path), {@code list} (a listing), {@code other}.
     */
    Map<String, Integer> forwarded() {
        Map<String, Integer> counts = new TreeMap<>();
        forwarded.forEach((method, n) -> counts.put(method, n.get()));
        return counts;
    }

    /**
     * From now on answers a GET of a tar (an input tar, a staged copy, a shard) with 503 Slow Down when
     * that key has had {@code perSecond} GETs in the last second, as S3 does to a key beyond its
     * partition's rate (a token bucket per key: a second's worth of burst, refilled at {@code perSecond};
     * 0: no limit). Other keys, the work tables' few reads, are not limited: they are not what a sample costs.
     */
    void throttle(int perSecond) {
        this.getsPerSecondPerKey = perSecond;
    }

    /** GETs answered 503 by {@link #throttle} since the last reset, by target ({@code input}, {@code other}). */
    Map<String, Integer> throttled() {
        Map<String, Integer> counts = new TreeMap<>();
        throttled.forEach((target, n) -> counts.put(target, n.get()));
        return counts;
    }

    /** A key's GETs: at most its capacity at once, refilled at that many per second. */
    private static final class TokenBucket {
        private final int perSecond;
        private double tokens;
        private long last = System.nanoTime();

        TokenBucket(int perSecond) {
            this.perSecond = perSecond;
            this.tokens = perSecond;
        }

        synchronized boolean take() {
            long now = System.nanoTime();
            tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens--;
            return true;
        }
    }

    /** Whether a GET of a tar is over its key's rate ({@link #throttle}). */
    private boolean overRate(String method, String head) {
        int limit = getsPerSecondPerKey;
        String key = head.split(" ", 3)[1];
        if (limit <= 0 || !method.equals("GET") || !key.endsWith(".tar")) {
            return false;
        }
        return !buckets.computeIfAbsent(key, k -> new TokenBucket(limit)).take();
    }

    int slowDowns() {
        return slowDowns.get();
    }

    int cuts() {
        return cuts.get();
    }

    void resetCounts() {
        forwarded.clear();
        attempts.clear();
        slowDowns.set(0);
        cuts.set(0);
        buckets.clear();
        throttled.clear();
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listener.accept();
                Thread t = new Thread(() -> serve(client), "faulty-s3-proxy-request");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closed) {
            // the proxy was closed
        }
    }

    /** The attempts made at one distinct request, and whether it is answered 503 on its first ones. */
    private record Attempts(boolean faulted, AtomicInteger made) {
    }

    /** This attempt's number (from 1) if the distinct request (method, path, {@code Range}) {@code head} asks is a faulted one, else 0. */
    private int faultedAttempt(String head) {
        Matcher range = RANGE.matcher(head);
        String key = head.substring(0, head.indexOf('\r')) + (range.find() ? " " + range.group(1) : "");
        Attempts a = attempts.computeIfAbsent(key, k -> new Attempts(
                faultEvery > 0 && distinctRequests.incrementAndGet() % faultEvery == 0, new AtomicInteger()));
        int made = a.made().incrementAndGet();
        return a.faulted() ? made : 0;
    }

    private void serve(Socket client) {
        try (client) {
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            String head = readHead(fromClient);
            if (head == null) {
                return;
            }
            String method = head.substring(0, Math.max(0, head.indexOf(' '))).toUpperCase(Locale.ROOT);
            boolean overRate = overRate(method, head);
            if (overRate) {
                throttled.computeIfAbsent(target(head), t -> new AtomicInteger()).incrementAndGet();
            }
            int faulted = overRate ? 0 : faultedAttempt(head);
            if (overRate || (faulted > 0 && faulted <= slowDownAttempts)) {
                slowDowns.incrementAndGet();
                byte[] body = SLOW_DOWN.getBytes(StandardCharsets.UTF_8);
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                if (!method.equals("HEAD")) {
                    out.write(body);
                }
                out.flush();
                return;
            }
            forwarded.computeIfAbsent(method + " " + target(head), m -> new AtomicInteger()).incrementAndGet();
            boolean cut = method.equals("GET") && faulted == slowDownAttempts + 1;
            try (Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                OutputStream toServer = server.getOutputStream();
                toServer.write(closing(head).getBytes(StandardCharsets.ISO_8859_1));
                toServer.flush();
                upload(fromClient, toServer);
                InputStream fromServer = new BufferedInputStream(server.getInputStream());
                if (cut) {
                    forwardHalf(fromServer, client.getOutputStream());
                } else {
                    fromServer.transferTo(client.getOutputStream());
                }
            }
        } catch (IOException e) {
            // a side closed early: the client sees a broken connection, as from S3
        }
    }

    private String target(String head) {
        String path = head.split(" ", 3)[1];
        if (path.startsWith(inputPath)) {
            return "input";
        }
        return path.contains("list-type=") || path.contains("prefix=") ? "list" : "other";
    }

    /** The response head and half its body; then both connections close. */
    private void forwardHalf(InputStream fromServer, OutputStream toClient) throws IOException {
        String head = readHead(fromServer);
        if (head == null) {
            return;
        }
        toClient.write(head.getBytes(StandardCharsets.ISO_8859_1));
        Matcher length = CONTENT_LENGTH.matcher(head);
        long half = length.find() && head.startsWith("HTTP/1.1 2") ? Long.parseLong(length.group(1)) / 2 : -1;
        if (half <= 0) {
            fromServer.transferTo(toClient);
            return;
        }
        cuts.incrementAndGet();
        toClient.write(fromServer.readNBytes((int) Math.min(half, Integer.MAX_VALUE)));
        toClient.flush();
    }

    /** The request head asking the server to close the connection after its answer. */
    private static String closing(String head) {
        String withoutConnection = CONNECTION.matcher(head).replaceAll("");
        return withoutConnection.substring(0, withoutConnection.length() - 2) + "Connection: close\r\n\r\n";
    }

    /** Copies a request body (or a 100-continue upload) to the server until either side closes. */
    private static void upload(InputStream from, OutputStream to) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException e) {
                // the exchange ended
            }
        }, "faulty-s3-proxy-upload");
        t.setDaemon(true);
        t.start();
    }

    /** Bytes up to and including the blank line that ends an HTTP head; null if the stream ends first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < HEAD_END.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == HEAD_END[matched] ? matched + 1 : (b == HEAD_END[0] ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
