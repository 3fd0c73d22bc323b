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

    /**
     * The earliest instant a filter may name: no event of ours is older, and the database, Java and
     * everything computed from a window (the DORA report's default start, its weeks) agree on every
     * instant from here to {@link #LATEST}.
     */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** The latest instant a filter may name: the last of year 9999, the last one ISO-8601 writes with four digits. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /**
     * An ISO-8601 instant or date (midnight UTC) from {@link #EARLIEST} to {@link #LATEST}; null when
     * absent; 400 naming the parameter otherwise. The one parser of the dates every list, export and
     * report filters by: a date beyond what the database holds (year ±999999999) failed in SQL, 500.
     */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                instant = LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new ValidationProblem("'" + name + "' must be an ISO-8601 instant (2026-01-31T12:00:00Z) or date (2026-01-31)");
            }
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new ValidationProblem("'" + name + "' must be from 1970-01-01 to 9999-12-31 (UTC), not " + value.trim());
        }
        return instant;
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
