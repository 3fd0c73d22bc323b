package io.opssight.platform.entity;

/**
 * A request over one of its rate limits: 429 with {@code Retry-After}, or 503 for senders that
 * retry only server errors (Alertmanager drops a notification on any 4xx).
 */
public class RateLimitedProblem extends OpsSightException {

    private final long retryAfterSeconds;
    private final boolean asUnavailable;

    public RateLimitedProblem(String detail, long retryAfterSeconds, boolean asUnavailable) {
        super(ProblemType.RATE_LIMITED, detail);
        this.retryAfterSeconds = retryAfterSeconds;
        this.asUnavailable = asUnavailable;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The HTTP status to answer with. */
    public int status() {
        return asUnavailable ? 503 : ProblemType.RATE_LIMITED.status();
    }
}
