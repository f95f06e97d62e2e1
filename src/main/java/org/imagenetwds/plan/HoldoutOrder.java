package org.imagenetwds.plan;

/** Which samples of a class a held-out validation split takes first ({@link SplitRules#holdoutPlace}). */
public enum HoldoutOrder {
    /** Lowest keyed hash of the sample key first: a seeded random pick (ImageNet-12k). */
    SEEDED_HASH,
    /**
     * First file names first, in byte order of their UTF-8 names: what {@code ls | head -n 50}
     * gives under the C locale (ImageNet-21K-P's validation).
     */
    NAME
}
