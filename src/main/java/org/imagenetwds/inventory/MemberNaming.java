package org.imagenetwds.inventory;

import java.io.Serializable;
import java.util.Map;

import org.imagenetwds.dataset.SampleKeys;

/**
 * Which class a member of a source unit belongs to and what its sample key is. A per-synset tar or
 * folder names one synset for all its members, and keys start with it; a given validation set
 * (ILSVRC-2012's flat {@code ILSVRC2012_val_00000001.JPEG} files) labels each file from its ground
 * truth, and its keys are the file names' stems, unique in the set.
 */
public sealed interface MemberNaming extends Serializable {

    /** What rows that belong to no member (a damaged tail) are filed under. */
    String unit();

    /** The member's synset, or {@link #unit()} when the member has none (not an image of the set). */
    String synsetOf(String member);

    String keyOf(String member);

    record OneSynset(String synset) implements MemberNaming {
        @Override
        public String unit() {
            return synset;
        }

        @Override
        public String synsetOf(String member) {
            return synset;
        }

        @Override
        public String keyOf(String member) {
            return SampleKeys.keyOf(synset, member);
        }
    }

    /** @param synsetByFile the synset of each file, by base name */
    record Labelled(String unit, Map<String, String> synsetByFile) implements MemberNaming {
        public Labelled {
            synsetByFile = Map.copyOf(synsetByFile);
        }

        @Override
        public String synsetOf(String member) {
            return synsetByFile.getOrDefault(SampleKeys.baseName(member), unit);
        }

        @Override
        public String keyOf(String member) {
            return SampleKeys.stemOf(member);
        }
    }

    /**
     * An evaluation set of {@code --decontaminate} (a tar or folder of any layout): each member is its own
     * sample, keyed by its path in the set, so that two files of one name in two class folders stay apart.
     */
    record ByPath(String unit) implements MemberNaming {
        @Override
        public String synsetOf(String member) {
            return unit;
        }

        @Override
        public String keyOf(String member) {
            return member;
        }
    }
}
