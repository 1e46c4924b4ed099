package br.com.ponte.consent.whitelabel;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The texts of one product's screens are records of optional strings ({@link PaymentTexts},
 * {@link SharingTexts}, {@link DashboardTexts}); what every one of them needs is done here once, by
 * their components: the values by name, the defaults for those left out, and the length limit a
 * field's name gives it (a title or a button is short, the rest is prose).
 */
final class TextRecords {

    /** Longest title or button label. */
    static final int SHORT = 80;
    /** Longest introduction or message. */
    static final int LONG = 300;

    private TextRecords() {
    }

    /** {@value #SHORT} for a title or a button ({@code title}, {@code …Title}, {@code …Button}), else {@value #LONG}. */
    static int maxLength(String field) {
        return field.equals("title") || field.endsWith("Title") || field.endsWith("Button") ? SHORT : LONG;
    }

    /** The record's texts by field name, in declaration order; null values kept. Empty for a null record. */
    static Map<String, String> values(Record texts) {
        Map<String, String> values = new LinkedHashMap<>();
        if (texts != null) {
            for (RecordComponent component : texts.getClass().getRecordComponents()) {
                try {
                    values.put(component.getName(), (String) component.getAccessor().invoke(texts));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("Cannot read " + component, e);
                }
            }
        }
        return values;
    }

    /** {@code given} with each text it leaves out (null) taken from {@code defaults}; {@code defaults} for a null one. */
    static <R extends Record> R withDefaults(R given, R defaults) {
        if (given == null) {
            return defaults;
        }
        Map<String, String> merged = values(defaults);
        values(given).forEach((name, value) -> {
            if (value != null) {
                merged.put(name, value);
            }
        });
        @SuppressWarnings("unchecked")
        Class<R> type = (Class<R>) given.getClass();
        return of(type, merged);
    }

    /** A texts record from values by field name; a field not named is null. */
    static <R extends Record> R of(Class<R> type, Map<String, String> values) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] arguments = Arrays.stream(components).map(c -> values.get(c.getName())).toArray();
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + type.getSimpleName(), e);
        }
    }
}
