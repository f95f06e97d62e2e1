package org.imagenetwds.dataset;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a member name into the WebDataset sample key and decides whether the name is safe.
 * Keys carry no dots (WebDataset splits a member name at its first dot), no '/', no control
 * characters, and start with their synset so keys from different synsets cannot collide.
 */
public final class SampleKeys {

    /** A WNID: {@code n} and eight digits. */
    public static final Pattern SYNSET = Pattern.compile("n\\d{8}");
    private static final Pattern UNSAFE_KEY_CHARS = Pattern.compile("[^A-Za-z0-9_-]");

    private SampleKeys() {
    }

    public static boolean isSynsetId(String s) {
        return SYNSET.matcher(s).matches();
    }

    /** Why the name must not be followed, or empty when it is safe. */
    public static Optional<String> unsafeNameReason(String name) {
        if (name.isEmpty()) {
            return Optional.of("empty member name");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            return Optional.of("absolute path");
        }
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                return Optional.of("path escapes with '..'");
            }
        }
        if (name.indexOf('\uFFFD') >= 0) {
            return Optional.of("name is not valid UTF-8");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("control character in name");
            }
        }
        return Optional.empty();
    }

    /** The base name of a member: what follows its last '/'. */
    public static String baseName(String member) {
        int slash = member.lastIndexOf('/');
        return slash < 0 ? member : member.substring(slash + 1);
    }

    /** The sample key of a (safe) member of a synset: base name without extension, sanitised. */
    public static String keyOf(String synset, String member) {
        String key = stemOf(member);
        return key.startsWith(synset + "_") ? key : synset + "_" + key;
    }

    /**
     * The base name of a (safe) member without its extension, sanitised: a key on its own. When
     * anything was replaced, the first 8 hex digits of the SHA-256 of the name follow, so that names
     * differing only where they were replaced ({@code ü} and {@code ñ}, {@code a b} and {@code a'b})
     * stay different keys.
     */
    public static String stemOf(String member) {
        String base = baseName(member);
        int dot = base.lastIndexOf('.');
        String stem = dot > 0 ? base.substring(0, dot) : base;
        String key = UNSAFE_KEY_CHARS.matcher(stem).replaceAll("_");
        if (!key.equals(stem)) {
            key += "_" + Sha256.of(stem.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 8);
        }
        return key.isEmpty() ? "_" : key;
    }
}
