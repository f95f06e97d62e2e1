package org.imagenetwds.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starting the JVMs and processes of the tests, timing them, and waiting for them. */
final class Jvm {

    private Jvm() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Java 17's {@code --add-opens} list that Spark needs (from the build). */
    static List<String> opens() {
        List<String> opens = new ArrayList<>(List.of(System.getProperty("imagenetwds.jvmOpens", "").split(" ")));
        opens.removeIf(String::isBlank);
        return opens;
    }

    /** {@code java <heap> <opens> -cp <this test's classpath> <main> <args>}. */
    static List<String> command(String heap, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(List.of(java(), heap));
        command.addAll(opens());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        return command;
    }

    /** A started process with its log file and start time. */
    record Started(String name, Process process, Path log, long startNanos) {

        /** Waits for the process; prints {@code WALL <name> <seconds>}; returns its exit value. */
        int await(long minutes) throws IOException, InterruptedException {
            assertTrue(process.waitFor(minutes, TimeUnit.MINUTES), name + " did not finish in " + minutes + " min: " + tail());
            printWall(name, startNanos);
            return process.exitValue();
        }

        /** Waits and asserts success. */
        String awaitSuccess(long minutes) throws IOException, InterruptedException {
            int exit = await(minutes);
            assertEquals(0, exit, name + " failed: " + tail());
            return Files.readString(log);
        }

        /** SIGKILL, and waits for the process to be gone. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), name + " survived SIGKILL");
        }

        String tail() throws IOException {
            String all = Files.readString(log);
            return all.substring(Math.max(0, all.length() - 6000));
        }
    }

    static Started start(String name, List<String> command, Path log, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().putAll(env);
        Process process = pb.start();
        STARTED.add(process);
        return new Started(name, process, log, System.nanoTime());
    }

    /** Every process a test started; whatever still runs when the test JVM exits (a failed test) is killed. */
    private static final List<Process> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        })));
    }

    static void printWall(String name, long startNanos) {
        System.out.printf("WALL %s %.1f%n", name, (System.nanoTime() - startNanos) / 1e9);
    }

    static void waitForPort(int port, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "exited: " + Files.readString(log));
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("nothing listens on " + port + ": " + Files.readString(log));
    }
}
