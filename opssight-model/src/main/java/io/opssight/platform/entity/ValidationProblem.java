package io.opssight.platform.entity;

/** Input that is well-formed but not acceptable, e.g. an unknown source kind. */
public class ValidationProblem extends OpsSightException {
    public ValidationProblem(String detail) {
        super(ProblemType.VALIDATION, detail);
    }

    /** Input {@code field} (its name as the API spells it) is not acceptable. */
    public ValidationProblem(String field, String detail) {
        super(ProblemType.VALIDATION, field, detail);
    }
}
