package org.imagenetwds.dataset;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A list file of one entry per line (class lists, subset lists): blank lines skipped, no repeats. */
public final class LineList {

    private LineList() {
    }

    /**
     * @param entry what every line must match
     * @param what  how an error names a valid entry ("a WNID like n01440764")
     * @throws IllegalArgumentException naming the list, the line and what is wrong with it
     */
    public static List<String> parse(byte[] list, String name, Pattern entry, String what) {
        List<String> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String[] lines = new String(list, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!entry.matcher(line).matches()) {
                throw new IllegalArgumentException(name + " line " + (i + 1) + ": '" + line + "' is not " + what);
            }
            if (!seen.add(line)) {
                throw new IllegalArgumentException(name + " line " + (i + 1) + ": " + line + " is listed twice");
            }
            entries.add(line);
        }
        return entries;
    }
}
