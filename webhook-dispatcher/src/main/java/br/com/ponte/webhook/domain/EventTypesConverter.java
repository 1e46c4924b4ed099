package br.com.ponte.webhook.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Arrays;
import java.util.List;

/** Event type names hold no commas, so a comma-separated column keeps the filter simple and portable. */
@Converter
public class EventTypesConverter implements AttributeConverter<List<String>, String> {

    @Override
    public String convertToDatabaseColumn(List<String> types) {
        return types == null ? "" : String.join(",", types);
    }

    @Override
    public List<String> convertToEntityAttribute(String column) {
        return column == null || column.isBlank() ? List.of() : Arrays.stream(column.split(",")).toList();
    }
}
