package org.imagenetwds.evaluate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads predictions as CSV: a header naming {@code filename} or {@code key}, and {@code top5} (labels
 * separated by spaces or semicolons) or {@code label}; other columns are ignored. A field may be
 * wrapped in double quotes (then it may hold commas; {@code ""} is a quote).
 */
public final class PredictionsCsv {

    private PredictionsCsv() {
    }

    /** @param source how to name the file in an error (its URI) */
    public static PredictionTable read(InputStream in, String source) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = lines.readLine();
        if (header == null) {
            throw new IllegalArgumentException(source + " is empty: a CSV header (filename,top5) is expected");
        }
        List<String> columns = fields(header.replace("\uFEFF", ""), source + " line 1").stream().map(String::trim).toList();
        String nameColumn = PredictionColumns.nameColumn(columns, source);
        int name = columns.indexOf(nameColumn);
        int labels = columns.indexOf(PredictionColumns.labelColumn(columns, source));
        List<PredictionRow> rows = new ArrayList<>();
        int number = 1;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String where = source + " line " + number;
            List<String> row = fields(line, where);
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(where + " has " + row.size() + " fields, the header " + columns.size());
            }
            rows.add(new PredictionRow(row.get(name).trim(), PredictionColumns.checked(columns.get(labels),
                    PredictionColumns.parseLabels(row.get(labels), where), where)));
        }
        return new PredictionTable(PredictionColumns.KEY.equals(nameColumn), rows);
    }

    /** The comma-separated fields of one line, quotes removed. */
    static List<String> fields(String line, String where) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(where + " has an unclosed quote");
        }
        fields.add(field.toString());
        return fields;
    }
}
