package io.opssight.platform.rest;

import io.opssight.platform.entity.ValidationProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * An opaque keyset cursor: base64url of "time|id" of the last row seen, for lists ordered by a time
 * then the id, newest first. Each resource turns it into its boundary's own cursor type.
 */
public record PageCursor(Instant at, long id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
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
