package io.opssight.platform.rest;

import io.opssight.platform.entity.KeysetPage;
import io.opssight.platform.entity.KeysetPage.Position;
import io.opssight.platform.entity.ValidationProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The one cursor codec of every paged list, REST and SOAP. A list ordered by a time, then the id,
 * newest first, has an opaque cursor: base64url of "time|id" of the last row seen
 * ({@link KeysetPage.Position}). A list ordered by one number alone has that number in decimal.
 */
public final class PageCursor {

    private static final String NOT_ISSUED = "cursor is not one this API issued";

    private PageCursor() {
    }

    public static String encode(Position position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((position.at().toString() + "|" + position.id()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A cursor of a list ordered by one number alone (the audit trail's seq, a dead letter's id): the
     * number in decimal; null for none; 400 for anything this API did not issue.
     */
    public static Long number(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(cursor);
        } catch (NumberFormatException e) {
            throw new ValidationProblem(NOT_ISSUED);
        }
    }

    /** The number cursor after the last row of {@code page} when more rows follow it; null on the last page. */
    public static <T> String nextNumber(KeysetPage<T> page, ToLongFunction<T> number) {
        return page.more() ? String.valueOf(number.applyAsLong(page.items().get(page.items().size() - 1))) : null;
    }

    /** The cursor after the last row of {@code page} when more rows follow it; null on the last page. */
    public static <T> String next(KeysetPage<T> page, Function<T, Instant> at, ToLongFunction<T> id) {
        if (!page.more()) {
            return null;
        }
        T last = page.items().get(page.items().size() - 1);
        return encode(new Position(at.apply(last), id.applyAsLong(last)));
    }

    /** The cursor a client sent back; null for none; 400 for anything this API did not issue. */
    public static Position decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            int bar = text.lastIndexOf('|');
            return new Position(Instant.parse(text.substring(0, bar)), Long.parseLong(text.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new ValidationProblem(NOT_ISSUED);
        }
    }
}
