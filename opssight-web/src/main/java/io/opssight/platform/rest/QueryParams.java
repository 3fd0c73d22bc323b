package io.opssight.platform.rest;

import io.opssight.platform.entity.ValidationProblem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reading list filters the same way in every resource, and answering a page with its next link. */
public final class QueryParams {

    private QueryParams() {
    }

    /** An ISO-8601 instant or date (midnight UTC); null when absent; 400 otherwise. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new ValidationProblem("'" + name + "' must be an ISO-8601 instant (2026-01-31T12:00:00Z) or date (2026-01-31)");
            }
        }
    }

    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public static int limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new ValidationProblem("limit must be between 1 and " + max);
        }
        return limit;
    }

    /** 200 with the page, plus {@code Link: <...>; rel="next"} when there is a next cursor. */
    public static Response page(Object page, String nextCursor, UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(page);
        if (nextCursor != null) {
            response.link(uri.getRequestUriBuilder().replaceQueryParam("cursor", nextCursor).build(), "next");
        }
        return response.build();
    }
}
