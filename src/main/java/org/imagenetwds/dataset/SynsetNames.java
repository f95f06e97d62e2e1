package org.imagenetwds.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * WordNet lemmas of the 21,841 fall11 synsets ({@code n01440764 → tench, Tinca tinca}), shipped as a
 * resource, for people reading the dataset card and its contact sheet.
 */
public final class SynsetNames {

    private static final Map<String, String> LEMMAS = load();

    private SynsetNames() {
    }

    /** The synset's first lemma ("tench"), or the WNID itself when it is not a fall11 synset. */
    public static String shortName(String wnid) {
        String lemmas = LEMMAS.get(wnid);
        return lemmas == null ? wnid : lemmas.split(",")[0].strip();
    }

    private static Map<String, String> load() {
        Map<String, String> lemmas = new HashMap<>(32_768);
        try (InputStream in = SynsetNames.class.getResourceAsStream("synset_lemmas.txt.gz");
             BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    lemmas.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the synset lemma resource", e);
        }
        return lemmas;
    }
}
