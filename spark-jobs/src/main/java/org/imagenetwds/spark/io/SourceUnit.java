package org.imagenetwds.spark.io;

import java.io.Serializable;
import java.util.List;

import org.imagenetwds.inventory.MemberNaming;

/**
 * One task's worth of input for {@code count}: a per-synset tar (a whole file, or a byte range of
 * the outer tar), a synset folder of image files, or a run of a given validation set's images (a
 * byte range of its tar, or some files of its folder).
 *
 * @param name       the synset, or for a validation run its first file
 * @param naming     each member's synset and key
 * @param givenSplit the split the recipe's input assigns ({@code validation} for a given validation set), or null
 * @param files      for {@link Kind#FILES}: the files of folder {@code source} to read
 */
public record SourceUnit(String name, Kind kind, String source, long offset, long length, MemberNaming naming,
                         String givenSplit, List<String> files) implements Serializable {

    public enum Kind { TAR, FOLDER, FILES }

    /**
     * Images per run when a set of single images (a given validation set, an evaluation set) is cut into
     * tasks: ~64 MB of ILSVRC-2012 validation images, 100 tasks for its 50,000.
     */
    public static final int IMAGES_PER_RUN = 500;

    public SourceUnit {
        files = List.copyOf(files);
    }

    /** A unit of one synset, whose split the recipe decides. */
    public static SourceUnit ofSynset(String synset, Kind kind, String source, long offset, long length) {
        return new SourceUnit(synset, kind, source, offset, length, new MemberNaming.OneSynset(synset), null, List.of());
    }
}
