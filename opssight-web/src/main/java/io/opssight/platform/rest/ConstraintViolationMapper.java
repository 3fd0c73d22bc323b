package io.opssight.platform.rest;

import io.opssight.platform.entity.ProblemType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;

/**
 * Bean Validation failures as 400 problem+json with a violations list. A mapper of its own because
 * the runtime's built-in validation mapper is more specific than {@link ProblemMapper}'s Throwable.
 */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(ConstraintViolationException e) {
        return problem(e, uriInfo == null ? null : uriInfo.getRequestUri().getRawPath()).toResponse();
    }

    static Problem problem(ConstraintViolationException e, String path) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        return new Problem(ProblemType.VALIDATION.uri(), ProblemType.VALIDATION.title(), 400,
                violations.size() + " field(s) are not valid", path, violations);
    }

    private static String field(ConstraintViolation<?> violation) {
        String last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null) {
                last = node.getName();
            }
        }
        return last == null ? "body" : last;
    }
}
