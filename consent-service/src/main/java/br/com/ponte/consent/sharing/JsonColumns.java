package br.com.ponte.consent.sharing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Lists kept in jsonb columns, read and written the one way. */
final class JsonColumns {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private JsonColumns() {
    }

    static String write(Object value) {
        try {
            return value == null ? null : JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> strings(String json) {
        return read(json, new TypeReference<>() {
        });
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return json == null ? null : JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
