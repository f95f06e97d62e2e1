package org.imagenetwds.evaluate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads predictions as JSON lines: one object per line, {@code {"filename": ..., "top5": [...]}} or
 * with {@code key} and {@code label}; every line names its sample and gives its labels the way the
 * first line does. Other fields are ignored.
 */
public final class PredictionsJsonLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PredictionsJsonLines() {
    }

    /** @param source how to name the file in an error (its URI) */
    public static PredictionTable read(InputStream in, String source) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<PredictionRow> rows = new ArrayList<>();
        String nameField = null;
        String labelField = null;
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String where = source + " line " + number;
            JsonNode row = object(line, where);
            if (nameField == null) {
                List<String> fields = new ArrayList<>();
                row.fieldNames().forEachRemaining(fields::add);
                nameField = PredictionColumns.nameColumn(fields, where);
                labelField = PredictionColumns.labelColumn(fields, where);
            }
            rows.add(new PredictionRow(text(row, nameField, where),
                    PredictionColumns.checked(labelField, labels(row, labelField, where), where)));
        }
        return new PredictionTable(PredictionColumns.KEY.equals(nameField), rows);
    }

    private static JsonNode object(String line, String where) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(where + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + " is not valid JSON: " + e.getOriginalMessage().replace('\n', ' '));
        }
    }

    private static String text(JsonNode row, String field, String where) {
        JsonNode value = row.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(where + " has no text '" + field + "'");
        }
        return value.asText();
    }

    private static List<Integer> labels(JsonNode row, String field, String where) {
        JsonNode value = row.get(field);
        List<JsonNode> items = new ArrayList<>();
        if (value != null && value.isArray() && PredictionColumns.TOP5.equals(field)) {
            value.forEach(items::add);
        } else if (value != null && PredictionColumns.LABEL.equals(field)) {
            items.add(value);
        } else {
            throw new IllegalArgumentException(where + " has no '" + field + "'" + (PredictionColumns.TOP5.equals(field)
                    ? " list" : ""));
        }
        List<Integer> labels = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isInt()) {
                throw new IllegalArgumentException(where + ": " + field + " holds " + item + ", not a label");
            }
            labels.add(item.intValue());
        }
        return labels;
    }
}
