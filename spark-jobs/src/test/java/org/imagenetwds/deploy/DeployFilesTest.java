package org.imagenetwds.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.imagenetwds.cli.ImagenetWds;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** Every deploy file names a main class that exists and passes arguments the CLI accepts. */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The CLI arguments of one job definition: what follows the jar in a spark-submit list, or a Dataproc args list. */
    private record Job(String file, String mainClass, List<String> args) {
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Job fromSparkSubmit(String file, List<String> submit) {
        int cls = submit.indexOf("--class");
        int jar = -1;
        for (int i = 0; i < submit.size(); i++) {
            if (submit.get(i).endsWith(".jar") && i > cls) {
                jar = i;
                break;
            }
        }
        assertTrue(cls >= 0 && jar > cls, file + ": no --class and jar in " + submit);
        return new Job(file, submit.get(cls + 1), submit.subList(jar + 1, submit.size()));
    }

    /** A shell script's submit command: its --class, and its {@code run=(run ...)} words with variables filled in. */
    private static Job fromScript(String file) throws IOException {
        String text = Files.readString(DEPLOY.resolve(file));
        Matcher cls = Pattern.compile("--class\\s+(\\S+)").matcher(text);
        Matcher run = Pattern.compile("\\brun=\\((run\\s[^)]*)\\)").matcher(text);
        assertTrue(cls.find() && run.find(), file + ": no --class, or no run=(run ...) command");
        List<String> args = new ArrayList<>();
        for (String word : run.group(1).trim().split("\\s+")) {
            args.add(word.matches("\"\\$[A-Z_]+\"") ? "/tmp/sample" : word);
        }
        return new Job(file, cls.group(1), args);
    }

    private static List<Job> jobs() throws IOException {
        List<Job> jobs = new ArrayList<>();
        for (JsonNode step : JSON.readTree(DEPLOY.resolve("emr/step.json").toFile())) {
            jobs.add(fromSparkSubmit("emr/step.json", texts(step.path("HadoopJarStep").path("Args"))));
        }
        JsonNode scheduled = JSON.readTree(JSON.readTree(DEPLOY.resolve("emr/schedule.json").toFile())
                .path("Target").path("Input").asText());
        for (JsonNode step : scheduled.path("Steps")) {
            jobs.add(fromSparkSubmit("emr/schedule.json", texts(step.path("HadoopJarStep").path("Args"))));
        }
        for (JsonNode job : YAML.readTree(DEPLOY.resolve("dataproc/workflow-template.yaml").toFile()).path("jobs")) {
            JsonNode spark = job.path("sparkJob");
            jobs.add(new Job("dataproc/workflow-template.yaml", spark.path("mainClass").asText(), texts(spark.path("args"))));
        }
        JsonNode batch = JSON.readTree(DEPLOY.resolve("dataproc/serverless-batch.json").toFile()).path("sparkBatch");
        jobs.add(new Job("dataproc/serverless-batch.json", batch.path("mainClass").asText(), texts(batch.path("args"))));
        jobs.add(fromScript("standalone/submit-example.sh"));
        List<String> script = Files.readAllLines(DEPLOY.resolve("spark-submit-example.sh"));
        assertTrue(script.stream().anyMatch(l -> l.contains("--class org.imagenetwds.cli.ImagenetWds")));
        return jobs;
    }

    @Test
    void everyJobNamesTheMainClassAndPassesArgumentsTheCliAccepts() throws Exception {
        List<Job> jobs = jobs();
        assertEquals(5, jobs.size());
        for (Job job : jobs) {
            assertEquals(ImagenetWds.class, Class.forName(job.mainClass()), job.file());
            CommandLine.ParseResult parsed = ImagenetWds.commandLine().parseArgs(job.args().toArray(String[]::new));
            assertTrue(parsed.hasSubcommand(), job.file() + ": no command in " + job.args());
        }
    }

    @Test
    void everyFileHereIsOneTheTestReads() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> DEPLOY.relativize(p).toString())
                    .filter(n -> !n.contains("target/")).sorted().toList(); // what the scripts build or run
            // the standalone scripts are run for real by integration-tests' StandaloneClusterIT
            assertEquals(List.of("README.md", "dataproc/cloud-scheduler.json", "dataproc/serverless-batch.json",
                    "dataproc/workflow-template.yaml",
                    "emr/cluster-configurations.json", "emr/schedule.json", "emr/step.json", "spark-submit-example.sh",
                    "standalone/DropShadowedCopies.java", "standalone/README.md", "standalone/assemble-spark-home.sh", "standalone/env.sh", "standalone/pom.xml",
                    "standalone/spark-submit.sh", "standalone/start-cluster.sh", "standalone/stop-cluster.sh",
                    "standalone/submit-example.sh"), names);
        }
        JsonNode classification = JSON.readTree(DEPLOY.resolve("emr/cluster-configurations.json").toFile()).get(0);
        assertEquals("spark-defaults", classification.path("Classification").asText());
        // every S3A setting of conf/spark-defaults.conf, the one place they are defined: the bounded timeouts and
        // retries (docs/guide/storage.md: when storage stops answering), the read sizes and ReopeningS3AFileSystem
        for (String line : Files.readAllLines(DEPLOY.resolve("../conf/spark-defaults.conf"))) {
            String[] kv = line.strip().split("\\s+", 2);
            if (kv[0].startsWith("spark.hadoop.fs.s3a.")) {
                assertEquals(kv[1], classification.path("Properties").path(kv[0]).asText(), "EMR's " + kv[0]);
            }
        }
        assertTrue(JSON.readTree(DEPLOY.resolve("dataproc/cloud-scheduler.json").toFile()).path("httpTarget").path("uri")
                .asText().endsWith("workflowTemplates/imagenet12k-wds:instantiate"));
    }
}
