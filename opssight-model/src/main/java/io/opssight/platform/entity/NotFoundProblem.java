package io.opssight.platform.entity;

/** Something named by the request does not exist (or the caller may not know that it does). */
public class NotFoundProblem extends OpsSightException {
    public NotFoundProblem(String what) {
        super(ProblemType.NOT_FOUND, what);
    }

    /** What input {@code field} (its name as the API spells it) names does not exist. */
    public NotFoundProblem(String field, String what) {
        super(ProblemType.NOT_FOUND, field, what);
    }
}
