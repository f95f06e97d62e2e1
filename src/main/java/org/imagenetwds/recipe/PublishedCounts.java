package org.imagenetwds.recipe;

/** A dataset's counts as its authors published them, for one input release (ImageNet-21K-P from fall11). */
public record PublishedCounts(String release, int classes, long train, long validation) {
}
