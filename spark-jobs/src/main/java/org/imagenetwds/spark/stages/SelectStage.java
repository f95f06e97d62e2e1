package org.imagenetwds.spark.stages;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.imagenetwds.dataset.FirstNames;
import org.imagenetwds.dataset.Sha256;
import org.imagenetwds.plan.Selection;
import org.imagenetwds.recipe.ClassChoice;
import org.imagenetwds.recipe.ClassList;
import org.imagenetwds.recipe.ClassView;
import org.imagenetwds.recipe.Recipe;
import org.imagenetwds.recipe.ValidationSource;
import org.imagenetwds.spark.PipelineFailure;
import org.imagenetwds.spark.PipelineOptions;
import org.imagenetwds.spark.WorkTables;
import org.imagenetwds.spark.io.GivenValidation;
import org.imagenetwds.spark.io.Storage;

/**
 * {@code select}: the classes, chosen by the recipe from the per-synset usable counts (a few
 * thousand rows, on the driver). With a given validation set the classes must be its devkit's.
 */
public final class SelectStage implements Stage {

    @Override
    public String name() {
        return "select";
    }

    @Override
    public String description() {
        return "Choose the classes from the counts.";
    }

    @Override
    public String items() {
        return "classes";
    }

    @Override
    public void fingerprint(StageMarkers.Fingerprint parts, Context context) throws IOException {
        Recipe recipe = context.options().recipe();
        listed(parts.with("classes", recipe.classes()), "", recipe.classes(), context);
        if (recipe.view() != null) {
            listed(parts.with("view", recipe.view()), "view ", recipe.view().classes(), context);
        }
    }

    private static void listed(StageMarkers.Fingerprint parts, String of, ClassChoice classes, Context context)
            throws IOException {
        if (classes instanceof ClassChoice.Listed l) { // an edited list is another selection
            parts.with(of + "classes file sha256",
                    Sha256.of(Storage.read(new org.apache.hadoop.fs.Path(l.source()), context.tables().conf())));
        }
    }

    @Override
    public long run(Context context, String fingerprint) throws IOException {
        PipelineOptions options = context.options();
        WorkTables tables = context.tables();
        Map<String, Long> usable = tables.choosableCounts();
        Map<String, Long> files = tables.fileCounts();
        ClassChoice.ListReader lists = source -> Storage.read(new org.apache.hadoop.fs.Path(source), tables.conf());
        Selection selection = options.recipe().classes().choose(usable, files, lists);
        if (options.recipe().validation() instanceof ValidationSource.Ilsvrc2012Devkit) {
            List<String> devkit = GivenValidation.devkit(options.devkit(), tables.conf()).classes();
            if (!selection.synsets().equals(devkit)) {
                List<String> extra = selection.synsets().stream().filter(s -> !devkit.contains(s)).toList();
                List<String> missing = devkit.stream().filter(s -> !selection.synsets().contains(s)).toList();
                throw new PipelineFailure("the train input's classes are not the devkit's 1,000: "
                        + (missing.isEmpty() ? "" : missing.size() + " missing from the train input (" + FirstNames.of(missing, 3) + ")")
                        + (missing.isEmpty() || extra.isEmpty() ? "" : ", ")
                        + (extra.isEmpty() ? "" : extra.size() + " not in the devkit (" + FirstNames.of(extra, 3) + ")"));
            }
        }
        tables.writeSelection(selection);
        report("", selection, options.recipe().classes(), usable);
        ClassView view = options.recipe().view();
        if (view != null) {
            // chosen from the same counts as the view's own dataset would choose: the 12k view is the 12k build
            Selection viewSelection = view.classes().choose(usable, files, lists);
            viewSelection.synsets().stream().filter(s -> !selection.contains(s)).findFirst().ifPresent(s -> {
                throw new PipelineFailure("the " + view.name() + " view's class " + s + " is not among the dataset's classes");
            });
            tables.writeViewSelection(viewSelection);
            report(" " + view.name() + " view", viewSelection, view.classes(), usable);
        }
        return selection.synsets().size();
    }

    private static void report(String what, Selection selection, ClassChoice choice, Map<String, Long> usable) {
        System.out.println("select" + what + ": " + selection.synsets().size() + " of " + selection.candidates()
                + " synsets, cut-off count " + selection.cutoffCount()
                + (selection.tieSplit() ? " (a tie at the cut-off was split by synset id)" : " (no tie split)"));
        if (choice instanceof ClassChoice.TopK) {
            System.out.println("select" + what + ": " + ClassList.comparedWithPublished12k(selection, usable));
        }
    }
}
