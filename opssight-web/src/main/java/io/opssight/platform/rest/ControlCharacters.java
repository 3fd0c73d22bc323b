package io.opssight.platform.rest;

import io.opssight.platform.entity.TextControls;
import io.opssight.platform.entity.TextControls.Refused;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.annotation.Priority;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses control characters in what a REST call names, before any of it reaches a query: 400
 * naming the parameter or field. PostgreSQL cannot store or even compare a text containing NUL, so a
 * {@code \u0000} in a role, token, user, team or service name, or in a filter, failed inside the
 * database (500); other control characters in names are never meant and make log lines and the audit
 * trail lie. One place for every operation:
 * <ul>
 * <li>path and query parameters (names, filters, ids): no control character at all;</li>
 * <li>request bodies, after binding: no control character in any text field except tab, line feed and
 * carriage return (descriptions and notes may have several lines); fields named like a name
 * ({@code name}, {@code username}, {@code team}, {@code role}, {@code service}, {@code environment},
 * {@code teams}) none at all.</li>
 * </ul>
 * Webhook deliveries do not come through here: their servlet stores what the tool sent and the
 * ingestion path deals with it.
 */
@Provider
@Priority(Priorities.USER)
public class ControlCharacters implements ContainerRequestFilter, ReaderInterceptor {

    private static final int MAX_DEPTH = 16;
    private static final Set<String> NAMES = Set.of("name", "username", "displayName", "team", "teams",
            "role", "service", "environment", "pipeline", "repository");

    @Override
    public void filter(ContainerRequestContext request) {
        check("path parameter", request.getUriInfo().getPathParameters());
        check("query parameter", request.getUriInfo().getQueryParameters());
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object body = context.proceed();
        walk(body, "body", false, 0);
        return body;
    }

    private static void check(String kind, MultivaluedMap<String, String> parameters) {
        parameters.forEach((name, values) -> values.forEach(value -> {
            if (firstControl(name, false) >= 0 || firstControl(value, false) >= 0) {
                throw new ValidationProblem("The " + kind + " '" + printable(name) + "' contains a control character ("
                        + codePoint(firstControl(name, false) >= 0 ? name : value, false) + "), which no parameter may have.");
            }
        }));
    }

    private static void walk(Object value, String path, boolean name, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof CharSequence text) {
            refuse(text.toString(), path, name);
        } else if (value instanceof JsonString text) {
            refuse(text.getString(), path, name);
        } else if (value instanceof JsonObject object) {
            object.forEach((key, v) -> {
                refuse(key, path, true);
                walk(v, path + "." + key, NAMES.contains(key), depth + 1);
            });
        } else if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                walk(array.get(i), path + "[" + i + "]", name, depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, v) -> {
                walk(key, path, true, depth + 1);
                walk(v, path + "." + key, name, depth + 1);
            });
        } else if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", name, depth + 1);
            }
        } else if (value instanceof Object[] items) {
            walk(List.of(items), path, name, depth);
        } else if (value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                try {
                    walk(component.getAccessor().invoke(value), path + "." + component.getName(),
                            NAMES.contains(component.getName()), depth + 1);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else if (value.getClass().getName().startsWith("io.opssight.")) {
            for (Class<?> type = value.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                        continue;
                    }
                    Object fieldValue;
                    try {
                        field.setAccessible(true);
                        fieldValue = field.get(value);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        continue; // a field we cannot read holds nothing a client sent
                    }
                    walk(fieldValue, path + "." + field.getName(), NAMES.contains(field.getName()), depth + 1);
                }
            }
        }
    }

    private static void refuse(String text, String path, boolean name) {
        if (firstControl(text, !name) >= 0) {
            String field = path.startsWith("body.") ? path.substring("body.".length()) : path;
            throw new ValidationProblem("'" + printable(field) + "' contains a control character (" + codePoint(text, !name)
                    + ")" + (name ? "; names may have none." : "; only tab and line breaks are allowed in text."));
        }
    }

    /** Index of the first control character (C0, DEL, C1), tab and line breaks allowed when {@code lines}; -1 if none. */
    static int firstControl(String text, boolean lines) {
        return TextControls.first(text, lines ? Refused.ALL_BUT_LINE_BREAKS : Refused.ALL);
    }

    private static String codePoint(String text, boolean lines) {
        return String.format("U+%04X", (int) text.charAt(firstControl(text, lines)));
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(100).forEach(c -> out.append(Refused.ALL.refuses(c) ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return out.toString();
    }
}
