package org.imagenetwds.spark.stages;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.imagenetwds.card.CardFacts;
import org.imagenetwds.spark.io.Storage;

/**
 * The first samples of a written shard, for the card's contact sheet: read from the front of the
 * shard on the driver (a few MB: the one place an image passes through it, by design).
 */
final class ContactSheetSamples {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private ContactSheetSamples() {
    }

    /** Up to {@code n} samples of {@code shard} in shard order; none when the shard does not exist. */
    static List<CardFacts.SheetSample> read(Path shard, Configuration conf, int n) throws IOException {
        FileSystem fs = Storage.fs(shard, conf);
        List<CardFacts.SheetSample> samples = new ArrayList<>();
        if (!fs.exists(shard)) {
            return samples;
        }
        try (InputStream in = fs.open(shard); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            byte[] jpg = null;
            while (samples.size() < n && (e = tar.getNextEntry()) != null) {
                String name = e.getName();
                if (name.endsWith(".json") && jpg != null) {
                    // the class from the sample's json: a key need not start with its WNID (ILSVRC2012_val_00000001)
                    String key = name.substring(0, name.length() - 5);
                    samples.add(new CardFacts.SheetSample(key, JSON.readTree(tar.readAllBytes()).path("class_name").asText(), jpg));
                    jpg = null;
                } else if (!name.endsWith(".cls") && !name.endsWith(".json")) {
                    jpg = tar.readAllBytes(); // the image: .jpg, or .webp in a webp build (ImageIO reads both)
                }
            }
        }
        return samples;
    }
}
