package org.imagenetwds.labels;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * Streaming reads of the label-set JSON files (the multi-label file is 200 MB, so nothing builds a
 * tree): one parser setup, one way to turn malformed JSON into a one-line error naming the file.
 */
final class JsonInput {

    /** A JSON object naming the same key twice would silently lose one annotation, so it is refused. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Reads the document's single top-level value. */
    interface Body<T> {
        T read(JsonParser p) throws IOException;
    }

    private JsonInput() {
    }

    /**
     * Runs {@code body} on the first token of {@code in} and checks nothing follows the value it read.
     *
     * @throws IllegalArgumentException when the bytes are not JSON or not the expected shape
     * @throws IOException              when {@code in} cannot be read
     */
    static <T> T read(InputStream in, String source, Body<T> body) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            p.nextToken();
            T value = body.read(p);
            JsonToken after = p.nextToken();
            if (after != null) {
                throw new IllegalArgumentException(source + ": " + describe(after) + " follows the top-level value at line "
                        + p.currentLocation().getLineNr());
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getOriginalMessage().replace('\n', ' ')
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    /** Fails unless the parser stands on {@code token}; {@code where} says which value, {@code what} what it must be. */
    static void expect(JsonParser p, JsonToken token, String source, String where, String what) {
        if (p.currentToken() != token) {
            throw new IllegalArgumentException(source + ": " + where + " must be " + what + ", found "
                    + describe(p.currentToken()));
        }
    }

    /** Reads the list of strings the parser stands on; {@code item} and {@code items} name them in an error. */
    static List<String> readStrings(JsonParser p, String source, String where, String item, String items)
            throws IOException {
        expect(p, JsonToken.START_ARRAY, source, where, "a list of " + items);
        List<String> strings = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException(source + ": " + where + " holds " + shown(p) + ", not " + item);
            }
            strings.add(p.getText());
        }
        return strings;
    }

    /** How an error shows the value the parser stands on: a scalar as written, anything else by its kind. */
    static String shown(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return "\"" + p.getText() + "\"";
        }
        return token != null && token.isScalarValue() ? p.getText() : describe(token);
    }

    /** How an error names a token: what the user would call it in their file. */
    static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_ARRAY -> "a list";
            case END_ARRAY -> "the end of a list";
            case START_OBJECT -> "an object";
            case END_OBJECT -> "the end of an object";
            case FIELD_NAME -> "a key";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }
}
