package io.opssight.platform.entity;

/** The kinds of problem OpsSight reports: type URI (relative to the docs), title and HTTP status. */
public enum ProblemType {
    VALIDATION("validation", "The request is not valid", 400),
    MALFORMED_PAYLOAD("malformed-payload", "The payload could not be parsed", 400),
    UNAUTHENTICATED("unauthenticated", "Authentication is required", 401),
    BAD_SIGNATURE("bad-signature", "The delivery's signature is missing or wrong", 401),
    FORBIDDEN("forbidden", "You do not have the permission for this", 403),
    NOT_FOUND("not-found", "No such resource", 404),
    CONFLICT("conflict", "The resource already exists or was changed", 409),
    PRECONDITION_FAILED("precondition-failed", "The resource changed since you read it", 412),
    PRECONDITION_REQUIRED("precondition-required", "This change needs If-Match", 428),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "The Idempotency-Key was used for a different request", 422),
    PAYLOAD_TOO_LARGE("payload-too-large", "The payload is larger than allowed", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "The content type is not supported", 415),
    SOURCE_DISABLED("source-disabled", "The source is disabled", 403),
    RATE_LIMITED("rate-limited", "Too many requests", 429),
    UNAVAILABLE("unavailable", "OpsSight cannot take this request right now", 503),
    INTERNAL("internal", "Internal error", 500);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    /** A stable URI that identifies the problem type; it resolves to docs/PROBLEMS.md. */
    public String uri() {
        return "https://opssight.io/problems/" + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
