package org.imagenetwds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.imagenetwds.recipe.Presets;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * README.md and the user guide (docs/guide/*.md) say only what the tool accepts: every {@code --option}
 * they name exists (in the command a shell example runs, or in spark-submit's own option table for
 * the words before the jar), every preset they name exists, every relative link reaches a file and,
 * with a {@code #fragment}, a heading in it. Failures name the file and the line.
 */
class GuideExamplesTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w'-])--[a-z][a-z0-9-]*");
    /** A preset named in text; "unknown --preset x" is the tool's own message about a wrong one. */
    private static final Pattern PRESET = Pattern.compile("(?<!unknown )--preset[ =]`?([a-z0-9_-]+)");
    /** Inline code that runs another program ({@code `tar --sort=name`}, {@code `gzip -dc ...`}): its options are not ours. */
    private static final Pattern OTHER_PROGRAM = Pattern.compile("`(?!(bin/)?imagenet-wds |spark-submit )[a-z][\\w./-]* [^`]*`");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");

    private record Line(Path file, int number, String text) {
        String where() {
            return ROOT.relativize(file) + ":" + number;
        }
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> guide = Files.list(ROOT.resolve("docs/guide"))) {
            guide.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The lines of a page outside fenced code blocks. */
    private static List<Line> prose(Path page) throws IOException {
        return lines(page, null);
    }

    /** The lines inside the fenced code blocks whose opening fence matches {@code fence}; with null, those outside any. */
    private static List<Line> lines(Path page, String fence) throws IOException {
        List<Line> out = new ArrayList<>();
        String open = null; // the opening fence of the block we are in
        List<String> all = Files.readAllLines(page);
        for (int i = 0; i < all.size(); i++) {
            String text = all.get(i);
            if (text.strip().startsWith("```")) {
                open = open == null ? text.strip() : null;
            } else if (fence == null ? open == null : open != null && open.matches(fence)) {
                out.add(new Line(page, i + 1, text));
            }
        }
        return out;
    }

    /** Shell lines (of ```bash blocks) with their continuations ({@code \} at the end) joined, numbered by their first line. */
    private static List<Line> commands(Path page) throws IOException {
        List<Line> out = new ArrayList<>();
        StringBuilder joined = null;
        int first = 0;
        for (Line line : lines(page, "```(bash|sh|shell)")) {
            String text = line.text().stripTrailing();
            if (joined == null) {
                joined = new StringBuilder();
                first = line.number();
            }
            boolean continued = text.endsWith("\\");
            joined.append(continued ? text.substring(0, text.length() - 1) : text).append(' ');
            if (!continued) {
                out.add(new Line(page, first, joined.toString()));
                joined = null;
            }
        }
        return out;
    }

    private static Map<String, Set<String>> optionsByCommand() {
        Map<String, Set<String>> options = new TreeMap<>();
        CommandLine root = ImagenetWds.commandLine();
        options.put("", names(root));
        root.getSubcommands().forEach((name, sub) -> options.put(name, names(sub)));
        return options;
    }

    private static Set<String> names(CommandLine command) {
        Set<String> names = new HashSet<>();
        command.getCommandSpec().options().forEach(o -> names.addAll(Arrays.asList(o.names())));
        return names;
    }

    /** spark-submit's options, from its own parser's table (spark-launcher, which the job runs under). */
    private static Set<String> sparkSubmitOptions() throws ReflectiveOperationException {
        Class<?> parser = Class.forName("org.apache.spark.launcher.SparkSubmitOptionParser");
        Constructor<?> constructor = parser.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object instance = constructor.newInstance();
        Set<String> names = new HashSet<>();
        for (String table : List.of("opts", "switches")) {
            Field field = parser.getDeclaredField(table);
            field.setAccessible(true);
            for (String[] aliases : (String[][]) field.get(instance)) {
                names.addAll(Arrays.asList(aliases));
            }
        }
        return names;
    }

    /** The launcher's own options, before the command: its usage line ({@code #   bin/imagenet-wds [--spark 4] COMMAND ...}). */
    private static Set<String> launcherOptions() throws IOException {
        Set<String> names = new HashSet<>();
        Matcher usage = Pattern.compile("^#\\s+bin/imagenet-wds((?: \\[--[a-z-]+[^\\]]*\\])+) COMMAND", Pattern.MULTILINE)
                .matcher(Files.readString(ROOT.resolve("bin/imagenet-wds")));
        if (usage.find()) {
            Matcher option = OPTION.matcher(usage.group(1));
            while (option.find()) {
                names.add(option.group());
            }
        }
        assertTrue(!names.isEmpty(), "bin/imagenet-wds has no usage line naming its own options");
        return names;
    }

    @Test
    void everyOptionTheDocsNameExistsInTheCommandThatTakesIt() throws Exception {
        Map<String, Set<String>> ours = optionsByCommand();
        Set<String> submit = sparkSubmitOptions();
        Set<String> any = new HashSet<>(submit);
        ours.values().forEach(any::addAll);
        any.addAll(launcherOptions());
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            for (Line command : commands(page)) {
                checked += checkCommand(command, ours, submit, problems);
            }
            // prose and tables: an option of any imagenet-wds command, or of spark-submit
            for (Line line : prose(page)) {
                Matcher m = OPTION.matcher(OTHER_PROGRAM.matcher(line.text()).replaceAll("``"));
                while (m.find()) {
                    checked++;
                    if (!any.contains(m.group())) {
                        problems.add(line.where() + ": " + m.group() + " is an option of no imagenet-wds command"
                                + " (nor of spark-submit)");
                    }
                }
            }
        }
        assertEquals("", String.join("\n", problems));
        assertTrue(checked > 100, "only " + checked + " options found: are the pages where this test looks?");
    }

    /**
     * One shell command of an example: after {@code bin/imagenet-wds <command>}, or after the jar of a
     * spark-submit ({@code <jar> <command>}), options of that command; before the jar, spark-submit's.
     * Other programs' lines (mvn, aws, gcloud, python) are not ours to check.
     */
    private static int checkCommand(Line command, Map<String, Set<String>> ours, Set<String> submit, List<String> problems) {
        List<String> words = new ArrayList<>();
        for (String w : command.text().trim().split("\\s+")) {
            if (w.startsWith("#")) {
                break; // a comment
            }
            words.add(w);
        }
        int checked = 0;
        String takes = null; // whose options the next words are
        Set<String> allowed = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            boolean ourLauncher = w.endsWith("bin/imagenet-wds");
            boolean jar = submit.equals(allowed) && w.endsWith(".jar");
            if (ourLauncher && i + 2 < words.size() && words.get(i + 1).equals("--spark")) {
                i += 2; // the launcher's own option and its value, before the command
            }
            if (ourLauncher || jar) {
                String sub = i + 1 < words.size() && !words.get(i + 1).startsWith("-") ? words.get(++i) : "";
                takes = "imagenet-wds " + sub;
                allowed = ours.get(sub);
                if (allowed == null) {
                    problems.add(command.where() + ": imagenet-wds has no command " + sub);
                    allowed = Set.of();
                }
            } else if (takes == null && (w.endsWith("spark-submit") || w.endsWith("spark-submit.sh")
                    || w.endsWith("submit-example.sh"))) {
                takes = "spark-submit";
                allowed = submit;
            } else if (allowed != null) {
                Matcher m = OPTION.matcher(w);
                if (m.lookingAt()) {
                    checked++;
                    if (!allowed.contains(m.group())) {
                        problems.add(command.where() + ": " + m.group() + " is not an option of " + takes);
                    }
                }
            }
        }
        return checked;
    }

    @Test
    void everyPresetTheDocsNameExists() throws IOException {
        Set<String> presets = new HashSet<>();
        Presets.names().forEach(presets::add);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            List<Line> all = new ArrayList<>(prose(page));
            all.addAll(commands(page));
            for (Line line : all) {
                Matcher m = PRESET.matcher(line.text());
                while (m.find()) {
                    checked++;
                    if (!presets.contains(m.group(1))) {
                        problems.add(line.where() + ": --preset " + m.group(1) + " is no preset (" + presets + ")");
                    }
                }
            }
            checked += checkPresetTables(page, presets, problems);
        }
        assertEquals("", String.join("\n", problems));
        assertTrue(checked >= 10, "only " + checked + " presets found");
    }

    /**
     * The tables that lay presets side by side: a header "| `--preset` | ..." lists one per row (first
     * cell), a header "| option | `a` | `b` | ..." or "| | `a` | ..." one per column.
     */
    private static int checkPresetTables(Path page, Set<String> presets, List<String> problems) throws IOException {
        int checked = 0;
        List<Line> lines = prose(page);
        boolean perRow = false; // in a table whose header's first cell is `--preset`
        for (int i = 0; i < lines.size(); i++) {
            List<String> cells = cells(lines.get(i));
            boolean header = i + 1 < lines.size() && lines.get(i + 1).number() == lines.get(i).number() + 1
                    && cells(lines.get(i + 1)).stream().allMatch(c -> c.matches(":?-{3,}:?"));
            List<String> named = new ArrayList<>();
            if (cells.isEmpty()) {
                perRow = false;
            } else if (header) {
                perRow = cells.get(0).equals("`--preset`");
                if (cells.get(0).isEmpty() || cells.get(0).equals("option")) {
                    named.addAll(cells.subList(1, cells.size()));
                }
            } else if (perRow) {
                named.add(cells.get(0));
            }
            for (String cell : named) {
                Matcher m = Pattern.compile("^`([a-z0-9_-]+)`").matcher(cell);
                if (m.find()) {
                    checked++;
                    if (!presets.contains(m.group(1))) {
                        problems.add(lines.get(i).where() + ": " + m.group(1) + " is no preset (" + presets + ")");
                    }
                }
            }
        }
        return checked;
    }

    /** A table row's cells ({@code \\|} inside a cell is not a border), or none for a line outside a table. */
    private static List<String> cells(Line line) {
        String text = line.text().strip();
        if (!text.startsWith("|")) {
            return List.of();
        }
        return Arrays.stream(text.substring(1).split("(?<!\\\\)\\|")).map(String::strip).toList();
    }

    @Test
    void everyRelativeLinkReachesAFileAndItsHeading() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            for (Line line : prose(page)) {
                Matcher m = LINK.matcher(line.text());
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("^[a-z]+:.*")) {
                        continue; // https:, mailto:
                    }
                    checked++;
                    int hash = target.indexOf('#');
                    Path file = hash == 0 ? page : page.getParent().resolve(hash < 0 ? target : target.substring(0, hash));
                    if (!Files.exists(file)) {
                        problems.add(line.where() + ": link " + target + " reaches no file");
                    } else if (hash >= 0 && !anchors(file).contains(target.substring(hash + 1))) {
                        problems.add(line.where() + ": link " + target + " reaches no heading of " + ROOT.relativize(file.normalize()));
                    }
                }
            }
        }
        assertEquals("", String.join("\n", problems));
        assertTrue(checked >= 20, "only " + checked + " links found");
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces to hyphens. */
    private static Set<String> anchors(Path file) throws IOException {
        Set<String> anchors = new HashSet<>();
        if (!file.toString().endsWith(".md")) {
            return anchors;
        }
        for (Line line : prose(file)) {
            Matcher m = HEADING.matcher(line.text());
            if (m.matches()) {
                anchors.add(m.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    /** The README's two commands are the ones CI runs: the demo and the test command, exactly. */
    @Test
    void theReadmesTwoCommandsAreTheOnesCiRuns() throws IOException {
        List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run")).stream().map(String::strip).toList();
        List<String> readme = commands(ROOT.resolve("README.md")).stream().map(l -> l.text().strip()).toList();
        for (String command : List.of("bin/imagenet-wds demo", "mvn .* verify")) {
            List<String> runs = ci.stream().filter(l -> l.matches(command + "( .*)?")).toList();
            assertTrue(!runs.isEmpty(), ".ci/run runs no " + command);
            for (String run : runs) { // every Spark line's test command
                String shown = command.startsWith("mvn") ? run : command; // the demo's --dir is CI's temp folder
                assertTrue(readme.stream().anyMatch(l -> l.equals(shown) || l.startsWith(shown + " ")),
                        "README.md shows no `" + shown + "`, which .ci/run runs");
            }
        }
    }
}
