package org.imagenetwds.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.ListMultipartUploadsRequest;
import com.amazonaws.services.s3.model.MultipartUpload;
import com.amazonaws.services.s3.model.S3ObjectSummary;
import org.apache.hadoop.conf.Configuration;
import org.imagenetwds.dataset.InputLayout;
import org.imagenetwds.sample.SampleCorpusGenerator;

/**
 * A real S3 server for the tests: S3Proxy (in-memory backend) as its own process on a loopback
 * port (its Jetty must not meet Spark's), one bucket, and an AWS SDK client for it. The secret is
 * fresh per server, so that a test can look for it in logs and outputs. In memory, not on the file
 * system: keys are flat as on S3, and the file system back end answered the bulk delete that ends each
 * Spark write (its {@code _temporary} folder, parent marker first) only after seconds, ~10 s a table
 * (~60 s of a 100 s S3 run); the in-memory one answers at once (S3IT 602 s to 246 s on the 3.5 line).
 */
final class S3ProxyServer implements AutoCloseable {

    static final String IDENTITY = "imagenet-wds-test";

    final String secret = "s3-secret-" + Long.toHexString(System.nanoTime());
    final String bucket;
    final int port;
    final String endpoint;
    final AmazonS3 s3;
    private final Process process;

    private S3ProxyServer(Path dir, String bucket) throws Exception {
        Path jar = Path.of(System.getProperty("imagenetwds.s3proxyJar", "target/s3proxy/s3proxy.jar"));
        assumeTrue(Files.exists(jar), "S3Proxy jar not found at " + jar + " (run through mvn verify)");
        this.bucket = bucket;
        port = freePort();
        endpoint = "http://127.0.0.1:" + port;
        Path conf = dir.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + secret,
                "jclouds.provider=transient") + "\n");
        Path log = dir.resolve("s3proxy.log");
        process = new ProcessBuilder(Jvm.java(), "-Xmx512m", "-jar", jar.toString(), "--properties", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Jvm.waitForPort(port, process, log);
        s3 = AmazonS3ClientBuilder.standard()
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(endpoint, "us-east-1"))
                .withPathStyleAccessEnabled(true)
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(IDENTITY, secret)))
                .build();
        s3.createBucket(bucket);
    }

    static S3ProxyServer start(Path dir, String bucket) throws Exception {
        return new S3ProxyServer(dir, bucket);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String uri(String key) {
        return "s3a://" + bucket + "/" + key;
    }

    /** Uploads every file of a folder (not recursive) under {@code prefix}. */
    void upload(Path folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                s3.putObject(bucket, prefix + f.getFileName(), f.toFile());
            }
        }
    }

    /**
     * The standard input twice: as per-synset objects under {@code raw/fall11/} and as the one object
     * {@code raw/fall11_whole.tar} holding the same synset tars (generated in {@code scratch}).
     */
    void uploadStandardInputs(Path scratch) throws IOException {
        upload(PipelineRuns.standardInput(), "raw/fall11/");
        Path outer = scratch.resolve("outer");
        new SampleCorpusGenerator(new SampleCorpusGenerator.Spec(12, 30, 5, InputLayout.FALL11_TAR)).generate(outer);
        upload(outer, "raw/");
    }

    /** Copies every object under {@code prefix} (directory markers aside) to a local folder. */
    Path download(String prefix, Path local) throws IOException {
        for (S3ObjectSummary o : objects(prefix)) {
            Path target = local.resolve(o.getKey().substring(prefix.length()));
            Files.createDirectories(target.getParent());
            try (var in = s3.getObject(bucket, o.getKey()).getObjectContent()) {
                Files.copy(in, target);
            }
        }
        return local;
    }

    /** The objects under {@code prefix}, directory markers aside, all pages. */
    List<S3ObjectSummary> objects(String prefix) {
        List<S3ObjectSummary> all = new ArrayList<>();
        var request = new com.amazonaws.services.s3.model.ListObjectsV2Request().withBucketName(bucket).withPrefix(prefix);
        com.amazonaws.services.s3.model.ListObjectsV2Result page;
        do {
            page = s3.listObjectsV2(request);
            page.getObjectSummaries().stream().filter(o -> !o.getKey().endsWith("/")).forEach(all::add);
            request.setContinuationToken(page.getNextContinuationToken());
        } while (page.isTruncated());
        return all;
    }

    /** Multipart uploads started and neither completed nor aborted. */
    List<MultipartUpload> pendingUploads() {
        return s3.listMultipartUploads(new ListMultipartUploadsRequest(bucket)).getMultipartUploads();
    }

    /** The S3A settings a user passes for an S3-compatible store, as {@code --conf} pairs (no credentials). */
    List<String> s3aConf() {
        return s3aConf(endpoint);
    }

    /** The same, reaching this server through another endpoint (a proxy in front of it). */
    List<String> s3aConf(String endpoint) {
        List<String> conf = new ArrayList<>();
        s3aSettings(endpoint).forEach((k, v) -> {
            conf.add("--conf");
            conf.add("spark.hadoop." + k + "=" + v);
        });
        return conf;
    }

    /** The same with the keys as {@code --conf} pairs (what S3IT's in-process runs use). */
    List<String> s3aConfWithKeys() {
        return s3aConfWithKeys(endpoint);
    }

    /** The same with the keys, reaching this server through another endpoint. */
    List<String> s3aConfWithKeys(String endpoint) {
        List<String> conf = s3aConf(endpoint);
        conf.addAll(List.of("--conf", "spark.hadoop.fs.s3a.access.key=" + IDENTITY,
                "--conf", "spark.hadoop.fs.s3a.secret.key=" + secret));
        return conf;
    }

    /** The credentials for the standard AWS provider chain (environment variables). */
    Map<String, String> credentialsEnv() {
        return Map.of("AWS_ACCESS_KEY_ID", IDENTITY, "AWS_SECRET_ACCESS_KEY", secret);
    }

    /** A Hadoop configuration reaching this server through s3a:// (for in-process file system calls). */
    Configuration hadoopConf() {
        Configuration conf = new Configuration();
        s3aSettings(endpoint).forEach(conf::set);
        conf.set("fs.s3a.access.key", IDENTITY);
        conf.set("fs.s3a.secret.key", secret);
        return conf;
    }

    private static Map<String, String> s3aSettings(String endpoint) {
        return new java.util.TreeMap<>(Map.of(
                "fs.s3a.endpoint", endpoint,
                "fs.s3a.path.style.access", "true",
                "fs.s3a.connection.ssl.enabled", "false",
                // with Hadoop 3.3.4, deleting markers after each write hangs against S3Proxy
                "fs.s3a.directory.marker.retention", "keep",
                // S3Proxy's back ends return no usable ETags on some paths
                "fs.s3a.change.detection.mode", "warn"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
