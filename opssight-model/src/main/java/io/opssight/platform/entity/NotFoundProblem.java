package io.opssight.platform.entity;

/** Something named by the request does not exist (or the caller may not know that it does). */
public class NotFoundProblem extends OpsSightException {
    public NotFoundProblem(String what) {
        super(ProblemType.NOT_FOUND, what);
    }
}
