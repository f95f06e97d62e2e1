package org.imagenetwds.cli;

import org.imagenetwds.image.ImageRules;
import org.imagenetwds.spark.PipelineOptions;

import picocli.CommandLine.Option;

/** The pipeline options of SPEC §7, shared by {@code run} and the stage commands. Defaults reproduce ImageNet-12k. */
public final class PipelineOptionsMixin {

    @Option(names = "--input", paramLabel = "URI", description = "Raw release: a folder of nXXXXXXXX.tar, one outer tar, or nXXXXXXXX/ folders (file://, hdfs://, s3a://).")
    String input;

    @Option(names = "--output", paramLabel = "URI", required = true, description = "Where shards, _info.json, classes.txt and _meta/ go.")
    String output;

    @Option(names = "--work", paramLabel = "URI", description = "Intermediate tables and markers (default: <output>/_work).")
    String work;

    @Option(names = "--preset", defaultValue = "imagenet12k", description = "Dataset preset (default: ${DEFAULT-VALUE}; only imagenet12k so far).")
    String preset;

    @Option(names = "--name", defaultValue = "imagenet12k", description = "Dataset name in shard names and _info.json (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--classes", defaultValue = "11821", description = "Top K synsets by usable count, ties by synset id (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--min-per-class", defaultValue = "0", description = "Instead of --classes: every synset with at least N usable images.")
    int minPerClass;

    @Option(names = "--val-per-class", defaultValue = "40", description = "Validation samples held out per class (default: ${DEFAULT-VALUE}).")
    int valPerClass;

    @Option(names = "--train-shards", defaultValue = "1024", description = "Train shards (default: ${DEFAULT-VALUE}).")
    int trainShards;

    @Option(names = "--val-shards", defaultValue = "512", description = "Validation shards (default: ${DEFAULT-VALUE}).")
    int valShards;

    @Option(names = "--min-edge", defaultValue = "" + ImageRules.DEFAULT_MIN_EDGE, description = "Reject images with a side below this (default: ${DEFAULT-VALUE}).")
    int minEdge;

    @Option(names = "--max-short-edge", defaultValue = "" + ImageRules.DEFAULT_MAX_SHORT_EDGE, description = "Resize images whose shorter edge is above this, to exactly this (default: ${DEFAULT-VALUE}).")
    int maxShortEdge;

    @Option(names = "--jpeg-quality", defaultValue = "" + ImageRules.DEFAULT_JPEG_QUALITY, description = "Quality of re-encoded JPEGs (default: ${DEFAULT-VALUE}).")
    int jpegQuality;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the hold-out and the shuffle (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-reject-fraction", defaultValue = "0.01", description = "Fail when more than this fraction of input members is rejected (default: ${DEFAULT-VALUE}).")
    double maxRejectFraction;

    @Option(names = "--max-pixels", defaultValue = "" + ImageRules.DEFAULT_MAX_PIXELS, description = "Decompression-bomb limit on width x height, from the header (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    PipelineOptions toOptions() {
        if (!"imagenet12k".equals(preset)) {
            throw new IllegalArgumentException("unknown --preset " + preset + " (available: imagenet12k)");
        }
        return new PipelineOptions(input, output, work, name, classes, minPerClass, valPerClass, trainShards,
                valShards, minEdge, maxShortEdge, jpegQuality, seed, maxRejectFraction, maxPixels);
    }
}
