package org.imagenetwds.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.S3ObjectSummary;
import org.imagenetwds.cli.ImagenetWds;
import org.imagenetwds.dataset.InputLayout;
import org.imagenetwds.sample.SampleCorpusGenerator;
import org.imagenetwds.spark.OutputFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline against a real S3 server: S3Proxy (filesystem backend) as its own process on a
 * loopback port, reached through {@code s3a://} with path-style access. Outputs are byte-identical to
 * the local run, and the secret key appears in no log line and no output file.
 */
class S3IT {

    private static final String IDENTITY = "imagenet-wds-test";
    private static final String SECRET = "s3-secret-" + Long.toHexString(System.nanoTime());
    private static final String BUCKET = "imagenet";

    @TempDir
    static Path dir;

    private static Process s3proxy;
    private static String endpoint;
    private static AmazonS3 s3;
    private static Path localReference;

    @BeforeAll
    static void startS3ProxyAndRunLocally() throws Exception {
        Path jar = Path.of(System.getProperty("imagenetwds.s3proxyJar", "target/s3proxy/s3proxy.jar"));
        assumeTrue(Files.exists(jar), "S3Proxy jar not found at " + jar + " (run through mvn verify)");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        endpoint = "http://127.0.0.1:" + port;
        Path conf = dir.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + SECRET,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + Files.createDirectories(dir.resolve("s3data"))) + "\n");
        s3proxy = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", jar.toString(), "--properties", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        waitForPort(port);
        s3 = AmazonS3ClientBuilder.standard()
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(endpoint, "us-east-1"))
                .withPathStyleAccessEnabled(true)
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(IDENTITY, SECRET)))
                .build();
        s3.createBucket(BUCKET);

        Path input = dir.resolve("input");
        new SampleCorpusGenerator(new SampleCorpusGenerator.Spec(12, 30, 5, InputLayout.SYNSET_TARS)).generate(input);
        try (Stream<Path> files = Files.list(input)) {
            for (Path f : files.toList()) {
                s3.putObject(BUCKET, "raw/fall11/" + f.getFileName(), f.toFile());
            }
        }
        Path outer = dir.resolve("outer");
        new SampleCorpusGenerator(new SampleCorpusGenerator.Spec(12, 30, 5, InputLayout.FALL11_TAR)).generate(outer);
        s3.putObject(BUCKET, "raw/fall11_whole.tar", outer.resolve("fall11_whole.tar").toFile());
        localReference = dir.resolve("out-local");
        assertEquals(0, ImagenetWds.execute(args(input.toString(), localReference.toString()).toArray(String[]::new)));
    }

    @AfterAll
    static void stopS3Proxy() throws InterruptedException {
        if (s3proxy != null) {
            s3proxy.destroy();
            s3proxy.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static void waitForPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertTrue(s3proxy.isAlive(), "S3Proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("S3Proxy did not listen on " + port + ": " + Files.readString(dir.resolve("s3proxy.log")));
    }

    /** Pipeline arguments; the S3A settings are what a user passes for an S3-compatible store. */
    private static List<String> args(String input, String output) {
        return new ArrayList<>(List.of("run", "--input", input, "--output", output, "--classes", "8",
                "--val-per-class", "3", "--train-shards", "4", "--val-shards", "2", "--max-reject-fraction", "0.1",
                "--master", "local[2]",
                "--conf", "spark.hadoop.fs.s3a.endpoint=" + endpoint,
                "--conf", "spark.hadoop.fs.s3a.path.style.access=true",
                "--conf", "spark.hadoop.fs.s3a.connection.ssl.enabled=false",
                "--conf", "spark.hadoop.fs.s3a.access.key=" + IDENTITY,
                "--conf", "spark.hadoop.fs.s3a.secret.key=" + SECRET,
                "--conf", "spark.hadoop.fs.s3a.directory.marker.retention=keep",
                "--conf", "spark.hadoop.fs.s3a.change.detection.mode=warn"));
    }

    /** Copies every object under {@code prefix} to a local folder. */
    private static Path download(String prefix, String name) throws IOException {
        Path local = dir.resolve(name);
        for (S3ObjectSummary o : s3.listObjectsV2(BUCKET, prefix).getObjectSummaries()) {
            if (o.getKey().endsWith("/")) {
                continue; // a directory marker
            }
            Path target = local.resolve(o.getKey().substring(prefix.length()));
            Files.createDirectories(target.getParent());
            try (var in = s3.getObject(BUCKET, o.getKey()).getObjectContent()) {
                Files.copy(in, target);
            }
        }
        return local;
    }

    @Test
    void s3InAndOutIsByteIdenticalToTheLocalRunAndKeepsTheSecretOutOfLogsAndOutputs() throws Exception {
        // run as its own process, as spark-submit would, so that every log line can be read
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g"));
        command.addAll(List.of(System.getProperty("imagenetwds.jvmOpens", "").split(" ")));
        command.removeIf(String::isBlank);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ImagenetWds.class.getName()));
        command.addAll(args("s3a://" + BUCKET + "/raw/fall11/", "s3a://" + BUCKET + "/datasets/in12k"));
        File log = dir.resolve("s3-run.log").toFile();
        Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        assertTrue(run.waitFor(10, TimeUnit.MINUTES), "the S3 run did not finish");
        String printed = Files.readString(log.toPath());
        assertEquals(0, run.exitValue(), printed);

        Path fromS3 = download("datasets/in12k/", "from-s3");
        OutputFiles.assertSameBytes(localReference, fromS3);
        assertFalse(Files.exists(fromS3.resolve("_tmp")), "temporary shards left in the bucket");
        assertFalse(printed.contains(SECRET), "the secret key is in the run's output");
        try (Stream<Path> files = Files.walk(fromS3)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(SECRET),
                        "the secret key is in " + f);
            }
        }
    }

    /** The outer tar on S3: its headers are indexed by seeking, each inner tar read as a byte range. */
    @Test
    void theOuterTarOnS3WithLocalOutputIsByteIdenticalToo() throws IOException {
        Path out = dir.resolve("out-mixed");
        assertEquals(0, ImagenetWds.execute(args("s3a://" + BUCKET + "/raw/fall11_whole.tar", out.toString())
                .toArray(String[]::new)));
        OutputFiles.assertSameBytes(localReference, out);
    }
}
