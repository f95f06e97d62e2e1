package org.imagenetwds.it;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP proxy in front of a server that can stall: it then keeps every connection open and
 * accepts new ones, but passes no byte either way. To its clients the server looks alive and never
 * answers, the case no connect timeout or "connection refused" catches. {@link #resume()} is the server
 * coming back: the stalled connections are dropped, new ones are served again.
 */
final class StallingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private boolean stalled; // guarded by lock
    private byte[] trigger; // guarded by lock: stall as soon as a client sends these bytes

    private StallingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "stalling-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on a free loopback port in front of {@code 127.0.0.1:targetPort}. */
    static StallingProxy start(int targetPort) throws IOException {
        return new StallingProxy(targetPort);
    }

    int port() {
        return listener.getLocalPort();
    }

    /**
     * Stalls when a client sends {@code marker} (e.g. an HTTP request line, or an RPC method name),
     * before a byte of the chunk holding it reaches the server: the call it belongs to never arrives.
     */
    void stallWhenClientSends(String marker) {
        synchronized (lock) {
            trigger = marker.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** Waits up to {@code timeout} for the proxy to stall; true if it did. */
    boolean awaitStalled(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (!stalled && System.nanoTime() < deadline) {
                lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            return stalled;
        }
    }

    /** The server is back: the connections held while stalled are closed, new ones are forwarded again. */
    void resume() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
            sockets.remove(socket);
        }
        synchronized (lock) {
            stalled = false;
            trigger = null;
            lock.notifyAll();
        }
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, true);
                pump(server, client, false);
            }
        } catch (IOException closed) {
            // the proxy was closed
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 << 10];
            // the tail of the previous chunk, so that a marker split across two reads is still seen
            byte[] window = new byte[0];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (fromClient) {
                        window = concat(window, buffer, n);
                        checkTrigger(window);
                        window = tail(window, 256);
                    }
                    awaitForwarding();
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // a side closed, or the proxy dropped the connection
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "stalling-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void checkTrigger(byte[] window) {
        synchronized (lock) {
            if (trigger != null && indexOf(window, trigger) >= 0) {
                stalled = true;
                trigger = null;
                lock.notifyAll();
            }
        }
    }

    private void awaitForwarding() throws InterruptedException {
        synchronized (lock) {
            while (stalled) {
                lock.wait();
            }
        }
    }

    private static byte[] concat(byte[] head, byte[] buffer, int n) {
        byte[] all = new byte[head.length + n];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(buffer, 0, all, head.length, n);
        return all;
    }

    private static byte[] tail(byte[] bytes, int max) {
        return bytes.length <= max ? bytes : Arrays.copyOfRange(bytes, bytes.length - max, bytes.length);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        resume();
    }
}
