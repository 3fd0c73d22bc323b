package io.opssight.platform.entity;

/** Input that is well-formed but not acceptable, e.g. an unknown source kind. */
public class ValidationProblem extends OpsSightException {
    public ValidationProblem(String detail) {
        super(ProblemType.VALIDATION, detail);
    }
}
