package io.opssight.platform.entity;

/** The request clashes with what is stored: a duplicate natural key or a stale version. */
public class ConflictProblem extends OpsSightException {
    public ConflictProblem(String detail) {
        super(ProblemType.CONFLICT, detail);
    }
}
