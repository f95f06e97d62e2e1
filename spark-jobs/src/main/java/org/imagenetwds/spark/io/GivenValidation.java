package org.imagenetwds.spark.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.imagenetwds.dataset.FirstNames;
import org.imagenetwds.dataset.SampleKeys;
import org.imagenetwds.ilsvrc.Ilsvrc2012Devkit;
import org.imagenetwds.inventory.MemberNaming;
import org.imagenetwds.plan.ShardLayout;
import org.imagenetwds.spark.PipelineFailure;
import org.imagenetwds.tar.TarMember;

/**
 * The official ILSVRC-2012 validation set as a given input: {@code ILSVRC2012_img_val.tar} (or its
 * folder) of flat {@code ILSVRC2012_val_%08d.JPEG} files, labelled by the devkit
 * ({@code ILSVRC2012_devkit_t12.tar.gz} or its folder). Everything is checked on the driver from
 * the devkit and the tar's headers (or the folder's listing) before any image is read: a devkit that
 * is missing or malformed, a file that is not a validation image, or a ground truth without exactly
 * one line per image stops the run with one line saying which.
 */
public final class GivenValidation {

    private static final Pattern FILE = Pattern.compile("ILSVRC2012_val_(\\d{8})\\.JPEG");
    private static final String META = "data/meta.mat";
    private static final String GROUND_TRUTH = "data/ILSVRC2012_validation_ground_truth.txt";

    /** @param units the count tasks' input */
    public record Located(Ilsvrc2012Devkit devkit, List<SourceUnit> units) {
    }

    private GivenValidation() {
    }

    public static Located locate(String valInput, String devkitUri, Configuration conf) throws IOException {
        if (valInput == null || devkitUri == null) {
            throw new PipelineFailure("this recipe's validation set is given: it needs --val-input (ILSVRC2012_img_val.tar "
                    + "or its folder) and --devkit (ILSVRC2012_devkit_t12.tar.gz or its folder)");
        }
        Ilsvrc2012Devkit devkit = devkit(devkitUri, conf);
        Path root = new Path(valInput);
        FileSystem fs = Storage.fs(root, conf);
        FileStatus status = status(fs, root, "--val-input");
        List<Image> images = status.isDirectory() ? listFolder(fs, status) : indexTar(fs, status);
        checkAgainstGroundTruth(images, devkit, valInput, devkitUri);
        return new Located(devkit, units(images, status, devkit));
    }

    /** Each validation image's label (index in ascending WNID order) by its sample key, the file name's stem. */
    public static Map<String, Integer> labelByKey(Ilsvrc2012Devkit devkit) {
        Map<String, Integer> labels = new HashMap<>();
        for (int i = 1; i <= devkit.validationImages(); i++) {
            labels.put(SampleKeys.stemOf(Ilsvrc2012Devkit.validationFileName(i)), devkit.validationLabel(i));
        }
        return labels;
    }

    /** A validation image as the listing or the tar index gives it; {@code end} is where the next member's header starts. */
    private record Image(String name, int number, long start, long end) {
    }

    private static List<Image> indexTar(FileSystem fs, FileStatus tar) throws IOException {
        List<TarMember> members = InputLocator.indexTar(fs, tar);
        List<Image> images = new ArrayList<>();
        List<String> strangers = new ArrayList<>();
        long start = 0;
        for (TarMember m : members) {
            long end = m.end();
            if (m.kind() != TarMember.Kind.DIRECTORY) { // a link named as an image stays: count reports it, as in a folder
                Matcher name = FILE.matcher(SampleKeys.baseName(m.name()));
                if (name.matches()) {
                    images.add(new Image(m.name(), Integer.parseInt(name.group(1)), start, end));
                } else {
                    strangers.add(m.name());
                }
            }
            start = end;
        }
        refuseStrangers(strangers, tar.getPath().toString());
        return images;
    }

    private static List<Image> listFolder(FileSystem fs, FileStatus folder) throws IOException {
        List<Image> images = new ArrayList<>();
        List<String> strangers = new ArrayList<>();
        for (FolderEntries.Entry f : FolderEntries.list(fs, folder.getPath())) {
            if (f.isDirectory()) {
                continue;
            }
            // a link named as an image stays in the set: count reports it (not_a_regular_file), never following it
            Matcher name = FILE.matcher(f.name());
            if (name.matches()) {
                images.add(new Image(f.name(), Integer.parseInt(name.group(1)), 0, 0));
            } else {
                strangers.add(f.name());
            }
        }
        refuseStrangers(strangers, folder.getPath().toString());
        images.sort(java.util.Comparator.comparing(Image::name));
        return images;
    }

    private static void refuseStrangers(List<String> strangers, String input) {
        if (!strangers.isEmpty()) {
            throw new PipelineFailure("validation input " + input + " holds " + strangers.size() + " files that are not "
                    + "ILSVRC2012_val_NNNNNNNN.JPEG (" + FirstNames.of(strangers, 3) + ")");
        }
    }

    /** Exactly images 1..N, once each, N the ground truth's line count. */
    private static void checkAgainstGroundTruth(List<Image> images, Ilsvrc2012Devkit devkit, String valInput, String devkitUri) {
        int lines = devkit.validationImages();
        TreeMap<Integer, String> byNumber = new TreeMap<>();
        for (Image image : images) {
            String before = byNumber.put(image.number(), image.name());
            if (before != null) {
                throw new PipelineFailure("validation input " + valInput + " holds image " + image.number() + " twice: "
                        + before + " and " + image.name());
            }
        }
        if (images.size() != lines || (!byNumber.isEmpty() && byNumber.lastKey() != lines)) {
            List<String> missing = new ArrayList<>();
            for (int i = 1; i <= lines; i++) {
                if (!byNumber.containsKey(i)) {
                    missing.add(Ilsvrc2012Devkit.validationFileName(i));
                }
            }
            Collection<String> extra = byNumber.tailMap(lines, false).values();
            throw new PipelineFailure("the devkit's ground truth (" + devkitUri + ") has " + lines + " lines but validation input "
                    + valInput + " holds " + images.size() + " images"
                    + (missing.isEmpty() ? "" : "; missing " + missing.size() + " (" + FirstNames.of(missing, 3) + ")")
                    + (extra.isEmpty() ? "" : "; " + extra.size() + " beyond the ground truth (" + FirstNames.of(extra, 3) + ")"));
        }
    }

    /** Runs of {@value SourceUnit#IMAGES_PER_RUN} images: byte ranges of the tar, or lists of the folder's files. */
    private static List<SourceUnit> units(List<Image> images, FileStatus input, Ilsvrc2012Devkit devkit) {
        List<SourceUnit> units = new ArrayList<>();
        String source = input.getPath().toString();
        for (int from = 0; from < images.size(); from += SourceUnit.IMAGES_PER_RUN) {
            List<Image> run = images.subList(from, Math.min(images.size(), from + SourceUnit.IMAGES_PER_RUN));
            Map<String, String> synsets = new LinkedHashMap<>();
            run.forEach(i -> synsets.put(SampleKeys.baseName(i.name()), devkit.classes().get(devkit.validationLabel(i.number()))));
            String name = SampleKeys.baseName(run.get(0).name());
            MemberNaming naming = new MemberNaming.Labelled(ShardLayout.VALIDATION, synsets);
            Image first = run.get(0);
            Image last = run.get(run.size() - 1);
            units.add(input.isDirectory()
                    ? new SourceUnit(name, SourceUnit.Kind.FILES, source, 0, 0, naming, ShardLayout.VALIDATION,
                            run.stream().map(Image::name).toList())
                    : new SourceUnit(name, SourceUnit.Kind.TAR, source, first.start(), last.end() - first.start(), naming,
                            ShardLayout.VALIDATION, List.of()));
        }
        return units;
    }

    /** The devkit's meta.mat and ground truth, from its {@code .tar.gz} or its folder. */
    public static Ilsvrc2012Devkit devkit(String uri, Configuration conf) throws IOException {
        if (uri == null) {
            throw new PipelineFailure("this recipe's validation labels come from the ILSVRC-2012 devkit: give --devkit");
        }
        Path root = new Path(uri);
        FileSystem fs = Storage.fs(root, conf);
        FileStatus status = status(fs, root, "--devkit");
        byte[] meta = null;
        byte[] groundTruth = null;
        if (status.isDirectory()) {
            Path metaPath = new Path(root, META);
            Path truthPath = new Path(root, GROUND_TRUTH);
            meta = fs.exists(metaPath) ? Storage.read(metaPath, conf) : null;
            groundTruth = fs.exists(truthPath) ? Storage.read(truthPath, conf) : null;
        } else {
            try (InputStream raw = fs.open(root);
                 InputStream in = uri.endsWith(".tar") ? raw : new GzipCompressorInputStream(raw);
                 TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    if (e.isFile() && (e.getName().endsWith("/" + META) || e.getName().equals(META))) {
                        meta = tar.readAllBytes();
                    } else if (e.isFile() && (e.getName().endsWith("/" + GROUND_TRUTH) || e.getName().equals(GROUND_TRUTH))) {
                        groundTruth = tar.readAllBytes();
                    }
                }
            } catch (IOException e) {
                throw new PipelineFailure("devkit " + uri + " is not a readable .tar.gz: " + e.getMessage());
            }
        }
        if (meta == null || groundTruth == null) {
            throw new PipelineFailure("devkit " + uri + " has no " + (meta == null ? META : GROUND_TRUTH));
        }
        try {
            return Ilsvrc2012Devkit.read(meta, uri + "!" + META, groundTruth, uri + "!" + GROUND_TRUTH);
        } catch (IllegalArgumentException e) {
            throw new PipelineFailure(e.getMessage());
        }
    }

    private static FileStatus status(FileSystem fs, Path path, String option) throws IOException {
        try {
            return fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new PipelineFailure(option + " " + path + " does not exist");
        }
    }
}
