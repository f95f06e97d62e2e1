package org.imagenetwds.dataset;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code _meta/SHA256SUMS}: the SHA-256 of every shard as write committed it, in the format of
 * GNU {@code sha256sum}, names relative to the output folder, so that {@code cd <output> &&
 * sha256sum -c _meta/SHA256SUMS} checks a copy without this tool, and verify finds a shard whose
 * bytes changed after it was written even when it still decodes.
 */
public final class ShardChecksums {

    public static final String FILE = "SHA256SUMS";

    private ShardChecksums() {
    }

    /** One line per shard, sorted by name: the same shards, the same bytes. */
    public static byte[] render(Map<String, String> sha256ByShard) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(sha256ByShard).forEach((shard, sha) -> b.append(sha).append("  ").append(shard).append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException on a line that is not {@code <64 hex digits>  <name>} */
    public static Map<String, String> parse(byte[] file) {
        Map<String, String> sums = new TreeMap<>();
        for (String line : new String(file, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (!line.matches("[0-9a-f]{64}  [^/]+")) {
                throw new IllegalArgumentException(FILE + " line is not '<sha256>  <shard>': " + line);
            }
            sums.put(line.substring(66), line.substring(0, 64));
        }
        return sums;
    }
}
