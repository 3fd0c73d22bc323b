package io.opssight.platform.rest;

import io.opssight.audit.boundary.AuditTrail;
import io.opssight.platform.entity.Feature;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;
import io.opssight.ingestion.boundary.DeadLetters;

/**
 * Completes the component schemas Payara derives from our wire classes: for some request bodies it
 * keeps only the fields that carry Bean Validation (e.g. a plain {@code Instant expiresAt} goes
 * missing) and leaves collections without item types. Each component named like a class in one of the
 * {@code io.opssight.<feature>.rest} packages gets every property the class has, typed from Java.
 */
final class WireSchemas {

    private static final String REF = "#/components/schemas/";
    /** Wire types that are not in a rest package (a boundary's answer returned as it is). */
    private static final Map<String, Class<?>> ELSEWHERE = Map.of("Verification", AuditTrail.Verification.class,
            "Replayed", DeadLetters.Replayed.class);

    private WireSchemas() {
    }

    /** Defines every component that is referred to ({@code @Schema(ref = "X")}) but missing, from class X. */
    static void defineReferenced(Collection<String> referenced, Components components) {
        for (String ref : referenced) {
            if (ref.startsWith(REF)) {
                String name = ref.substring(REF.length());
                Class<?> type = wireClass(name);
                if (type != null && (components.getSchemas() == null || !components.getSchemas().containsKey(name))) {
                    define(type, components);
                }
            }
        }
    }

    private static Schema define(Class<?> type, Components components) {
        Schema schema = OASFactory.createSchema().type(Schema.SchemaType.OBJECT);
        components.addSchema(schemaName(type), schema); // before the properties, for recursive types
        properties(type).forEach((property, javaType) -> schema.addProperty(property, of(javaType, components)));
        return schema;
    }

    static void complete(Components holder) {
        Map<String, Schema> components = holder.getSchemas() == null ? Map.of() : holder.getSchemas();
        new LinkedHashMap<>(components).forEach((name, schema) -> {
            Class<?> type = wireClass(name);
            if (type == null || schema.getRef() != null) {
                return;
            }
            if (schema.getType() == null) {
                schema.setType(Schema.SchemaType.OBJECT);
            }
            properties(type).forEach((property, javaType) -> {
                Schema existing = schema.getProperties() == null ? null : schema.getProperties().get(property);
                if (existing == null) {
                    schema.addProperty(property, of(javaType, holder));
                } else if (existing.getType() == Schema.SchemaType.ARRAY && existing.getItems() == null) {
                    existing.setItems(of(elementType(javaType), holder));
                } else if (existing.getType() == Schema.SchemaType.NUMBER && existing.getFormat() == null) {
                    Schema exact = of(javaType, holder); // Payara calls every Java number "number"
                    existing.type(exact.getType()).format(exact.getFormat());
                }
            });
        });
    }

    private static Class<?> wireClass(String simpleName) {
        if (ELSEWHERE.containsKey(simpleName)) {
            return ELSEWHERE.get(simpleName);
        }
        for (String feature : Feature.packageNames()) {
            try {
                return Class.forName("io.opssight." + feature + ".rest." + simpleName, false, WireSchemas.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // not in this feature
            }
        }
        return null;
    }

    /** The component name: the class's {@code @Schema(name)} (nested records such as Item need one), else its simple name. */
    private static String schemaName(Class<?> type) {
        // qualified: models.media.Schema is the document type here
        org.eclipse.microprofile.openapi.annotations.media.Schema named =
                type.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
        return named != null && !named.name().isEmpty() ? named.name() : type.getSimpleName();
    }

    private static Map<String, Type> properties(Class<?> type) {
        Map<String, Type> properties = new LinkedHashMap<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                properties.put(component.getName(), component.getGenericType());
            }
            return properties;
        }
        for (Field field : type.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                properties.put(field.getName(), field.getGenericType());
            }
        }
        return properties;
    }

    private static Type elementType(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length == 1) {
            return parameterized.getActualTypeArguments()[0];
        }
        return String.class;
    }

    private static Schema of(Type type, Components holder) {
        Map<String, Schema> components = holder.getSchemas() == null ? Map.of() : holder.getSchemas();
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : type instanceof Class<?> c ? c : Object.class;
        if (raw == String.class || raw.isEnum()) {
            return OASFactory.createSchema().type(Schema.SchemaType.STRING);
        }
        if (raw == Instant.class) {
            return components.containsKey("Instant") ? OASFactory.createSchema().ref("#/components/schemas/Instant")
                    : OASFactory.createSchema().type(Schema.SchemaType.STRING).format("date-time");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.BOOLEAN);
        }
        if (raw == int.class || raw == Integer.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int32");
        }
        if (raw == long.class || raw == Long.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int64");
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.NUMBER).format("double");
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return OASFactory.createSchema().type(Schema.SchemaType.ARRAY).items(of(elementType(type), holder));
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type value = type instanceof ParameterizedType p && p.getActualTypeArguments().length == 2 ? p.getActualTypeArguments()[1]
                    : String.class;
            return OASFactory.createSchema().type(Schema.SchemaType.OBJECT).additionalPropertiesSchema(of(value, holder));
        }
        if (components.containsKey(schemaName(raw))) {
            return OASFactory.createSchema().ref(REF + schemaName(raw));
        }
        if (raw.getName().startsWith("io.opssight.")) {
            define(raw, holder);
            return OASFactory.createSchema().ref(REF + schemaName(raw));
        }
        return OASFactory.createSchema().type(Schema.SchemaType.OBJECT);
    }
}
