package io.opssight.platform.entity;

/** The request clashes with what is stored: a duplicate natural key or a stale version. */
public class ConflictProblem extends OpsSightException {
    public ConflictProblem(String detail) {
        super(ProblemType.CONFLICT, detail);
    }

    /** The value of input {@code field} (its name as the API spells it) clashes with what is stored. */
    public ConflictProblem(String field, String detail) {
        super(ProblemType.CONFLICT, field, detail);
    }
}
