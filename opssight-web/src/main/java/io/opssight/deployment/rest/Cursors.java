package io.opssight.deployment.rest;

import io.opssight.deployment.boundary.DeploymentQuery.Cursor;
import io.opssight.platform.entity.ValidationProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Opaque cursors for keyset paging: base64url of "createdAt|id" of the last row seen. */
final class Cursors {

    private Cursors() {
    }

    static String encode(Instant createdAt, long id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.lastIndexOf('|');
            return new Cursor(Instant.parse(text.substring(0, bar)), Long.parseLong(text.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new ValidationProblem("cursor is not one this API issued");
        }
    }
}
