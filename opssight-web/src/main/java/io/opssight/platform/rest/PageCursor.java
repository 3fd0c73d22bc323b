package io.opssight.platform.rest;

import io.opssight.platform.entity.ValidationProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.function.BiFunction;

/**
 * An opaque keyset cursor: base64url of "time|id" of the last row seen, for lists ordered by a time
 * then the id, newest first: the one cursor of every keyset-paged list, REST and SOAP. Each resource
 * reads it as its boundary's own position type ({@link #decode(String, BiFunction)}).
 */
public record PageCursor(Instant at, long id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back as the position type {@code as} makes; null for none; 400 as {@link #decode(String)}. */
    public static <C> C decode(String cursor, BiFunction<Instant, Long, C> as) {
        PageCursor after = decode(cursor);
        return after == null ? null : as.apply(after.at(), after.id());
    }

    /** The cursor a client sent back; null for none; 400 for anything this API did not issue. */
    public static PageCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            int bar = text.lastIndexOf('|');
            return new PageCursor(Instant.parse(text.substring(0, bar)), Long.parseLong(text.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new ValidationProblem("cursor is not one this API issued");
        }
    }
}
