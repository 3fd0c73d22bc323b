package io.opssight.platform.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Lob;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Transient;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default entity listener (META-INF/orm.xml) that keeps every text attribute of every entity
 * storable ({@link StorableText}): before an insert or an update it refuses a value holding a NUL,
 * or longer than its column's declared {@code length}, with a {@link ValidationProblem} that names
 * the field ("automation run name is 600 characters long, at most 300 fit"). So a value from a
 * webhook or an API call that PostgreSQL could not store ends as a clear reason (a 400 for an API
 * call, a dead letter's reason for a delivery), never as a database error, and nothing is sent to
 * the database first. Mappings that may shorten a display text (a title, a job name) clip it
 * themselves; an identifier (a commit sha) is refused rather than changed.
 */
public class TextColumns {

    /** A String attribute: where it is, what to call it, its column's length (0: no declared limit). */
    private record TextField(Field embedded, Field field, String label, int max) {

        Object owner(Object entity) throws IllegalAccessException {
            return embedded == null ? entity : embedded.get(entity);
        }
    }

    private static final Map<Class<?>, List<TextField>> FIELDS = new ConcurrentHashMap<>();

    @PrePersist
    @PreUpdate
    public void check(Object entity) {
        for (TextField text : FIELDS.computeIfAbsent(entity.getClass(), TextColumns::textFields)) {
            String value;
            try {
                Object owner = text.owner(entity);
                value = owner == null ? null : (String) text.field().get(owner);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + text.label(), e);
            }
            if (value == null) {
                continue;
            }
            if (TextControls.any(value, TextControls.Refused.NUL)) {
                throw new ValidationProblem(text.label() + " contains a NUL character (U+0000), which cannot be stored");
            }
            if (text.max() > 0 && value.length() > text.max()) {
                throw new ValidationProblem(text.label() + " is too long: " + value.length() + " characters, at most "
                        + text.max() + " fit");
            }
        }
    }

    private static List<TextField> textFields(Class<?> type) {
        List<TextField> fields = new ArrayList<>();
        String entity = words(type.getSimpleName());
        for (Field field : declared(type)) {
            if (field.getType() == String.class) {
                fields.add(textField(null, field, entity + " " + words(field.getName())));
            } else if (field.getType().isAnnotationPresent(Embeddable.class)) {
                field.setAccessible(true);
                for (Field inner : declared(field.getType())) {
                    if (inner.getType() == String.class) {
                        fields.add(textField(field, inner, entity + " " + words(inner.getName())));
                    }
                }
            }
        }
        return List.copyOf(fields);
    }

    private static TextField textField(Field embedded, Field field, String label) {
        field.setAccessible(true);
        Column column = field.getAnnotation(Column.class);
        // 255 is the annotation's default: no length was declared, so the column is text (Flyway's schema).
        boolean limited = column != null && column.columnDefinition().isEmpty() && column.length() != 255
                && !field.isAnnotationPresent(Lob.class);
        return new TextField(embedded, field, label, limited ? column.length() : 0);
    }

    private static List<Field> declared(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)
                        && !field.isAnnotationPresent(Transient.class)) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    /** "AutomationRun" → "automation run", "externalId" → "external id". */
    private static String words(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
