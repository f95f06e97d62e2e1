package org.imagenetwds.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.SparkUserAppException;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.recipe.Presets;
import org.imagenetwds.spark.PipelineOptions;
import org.imagenetwds.spark.Pipeline;
import org.imagenetwds.spark.SparkSessions;
import org.imagenetwds.spark.stages.Stage;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code imagenet-wds}: the CLI of SPEC §7, for {@code bin/imagenet-wds} and for
 * {@code spark-submit --class org.imagenetwds.cli.ImagenetWds}. Exit status: 0 success, 1 failure,
 * 2 usage error, each failure with a one-line reason.
 */
@Command(name = "imagenet-wds", mixinStandardHelpOptions = true, version = DatasetInfo.TOOL_VERSION)
public final class ImagenetWds implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: run, count, select, "
                + "split, write, verify, evaluate, generate-sample or demo");
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ImagenetWds());
        // the first line of --help, from the recipe registry so that a new preset is named without an edit here;
        // the root help is at least as wide as that line, which picocli would otherwise wrap
        String header = "Builds the ImageNet family as WebDataset shards from the raw releases, with Spark; presets: "
                + String.join(", ", Presets.names()) + ".";
        cli.getCommandSpec().usageMessage().header(header).width(Math.max(80, header.length()));
        List<String[]> stages = new ArrayList<>();
        stages.add(new String[] {"run", "All stages ("
                + String.join(", ", Pipeline.STAGES.stream().map(Stage::name).toList())
                + "), resuming a previous run, then verify."});
        Pipeline.STAGES.forEach(s -> stages.add(new String[] {s.name(), s.description()}));
        stages.add(new String[] {"verify", "Re-read the output and check it; non-zero exit on any inconsistency."});
        for (String[] s : stages) {
            CommandLine sub = new CommandLine(new StageCommand(s[0]));
            sub.getCommandSpec().usageMessage().description(s[1]);
            cli.addSubcommand(s[0], sub);
        }
        cli.addSubcommand("evaluate", new EvaluateCommand());
        cli.addSubcommand("generate-sample", new GenerateSampleCommand());
        cli.addSubcommand("demo", new DemoCommand());
        cli.setOverwrittenOptionsAllowed(true); // the last of a repeated option wins, as in spark-submit
        cli.setParameterExceptionHandler((e, args) -> usageError(e));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CommandLine.ParameterException pe) {
                throw pe;
            }
            PrintWriter err = commandLine.getErr();
            err.println("imagenet-wds: " + FailureLine.of(e));
            err.flush();
            return 1;
        });
        return cli;
    }

    /**
     * Options turned into a value, with invalid combinations and options the command needs but lacks
     * reported as usage errors (exit 2), before Spark starts.
     */
    static PipelineOptions validated(PipelineOptionsMixin mixin, CommandLine commandLine) {
        PipelineOptions options;
        try {
            options = mixin.toOptions();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        String missing = RequiredOptions.problem(commandLine.getCommandName(), options);
        if (missing != null) {
            throw new CommandLine.ParameterException(commandLine, missing);
        }
        return options;
    }

    /**
     * A usage error in one line (SPEC §7) naming the command, instead of picocli's reason followed by
     * the whole usage help: {@code imagenet-wds run: missing --input; see imagenet-wds run --help}.
     */
    private static int usageError(CommandLine.ParameterException e) {
        CommandLine failed = e.getCommandLine();
        String command = failed.getCommandSpec().qualifiedName();
        String guess = e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                ? "; did you mean " + String.join(" or ", u.getSuggestions()) + "?" : "";
        PrintWriter err = failed.getErr();
        err.println(command + ": " + e.getMessage() + guess + "; see " + command + " --help");
        err.flush();
        return failed.getCommandSpec().exitCodeOnInvalidInput();
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /**
     * Under spark-submit the status travels back as Spark expects it: a normal return on success,
     * {@link SparkUserAppException} carrying the exit code otherwise. Spark's launcher exits with that
     * code (client mode), and YARN's ApplicationMaster, which runs this {@code main} in a thread and
     * must unregister before the JVM ends, reports the application FAILED with it; a
     * {@code System.exit} there would kill the ApplicationMaster first (exit code 16, and a second
     * attempt after a complete build). YARN still gives a failed run its further attempts
     * ({@code spark.yarn.maxAppAttempts}): the next attempt resumes from the stage markers and fails
     * again at the same check, quickly. Standalone ({@code bin/imagenet-wds}) it is the JVM's exit status.
     */
    public static void main(String[] args) throws SparkUserAppException {
        int status = execute(args);
        if (!SparkSessions.underSparkSubmit()) {
            System.exit(status);
        }
        if (status != 0) {
            throw new SparkUserAppException(status);
        }
    }
}
