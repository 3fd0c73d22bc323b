package io.opssight.platform.rest;

import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import jakarta.ejb.AccessLocalException;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import io.opssight.audit.boundary.AuditTrail;
import io.opssight.audit.entity.AuditEntry;
import io.opssight.platform.entity.RateLimitedProblem;
import jakarta.ejb.EJB;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.SQLException;

/**
 * The one error policy of the REST API: everything becomes application/problem+json. Business
 * exceptions carry their {@link ProblemType}; validation failures list their violations; JAX-RS
 * exceptions keep their status; an unreachable database is 503; anything else is 500 with an
 * instance id that appears in the log, and never a stack trace or an internal message.
 * Logged once, here: 4xx at DEBUG, 5xx at ERROR.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final System.Logger LOGGER = System.getLogger(ProblemMapper.class.getName());

    @Context
    UriInfo uriInfo;

    @Context
    SecurityContext security;

    @Context
    Request request;

    @EJB
    AuditTrail audit;

    /** A problem document and the headers that go with it: what any boundary answers for a failure. */
    public record Answer(Problem problem, Map<String, String> headers) {

        /** Sends this answer from a servlet or filter (where no JAX-RS response is built); nothing once committed. */
        public void writeTo(HttpServletResponse response) throws IOException {
            if (response.isCommitted()) {
                return;
            }
            response.setStatus(problem.status());
            headers.forEach(response::setHeader);
            response.setContentType(Problem.MEDIA_TYPE);
            byte[] json = problem.toJson().getBytes(StandardCharsets.UTF_8);
            response.setContentLength(json.length);
            try {
                response.getOutputStream().write(json);
            } catch (IOException e) {
                // The client went away (often why the request failed: a body cut short); there is
                // nobody to answer, and nothing to log: a stack trace per dropped connection is noise.
            }
        }
    }

    @Override
    public Response toResponse(Throwable thrown) {
        String path = uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
        Answer answer = answer(thrown, path);
        if (answer.problem().status() == 403) {
            auditDenied(answer.problem());
        }
        Response.ResponseBuilder response = Response.fromResponse(answer.problem().toResponse());
        answer.headers().forEach(response::header);
        return response.build();
    }

    /**
     * The answer for a failure of a request to {@code path}, logged once: the policy of the whole
     * HTTP interface (problem document, {@code Allow}, {@code WWW-Authenticate}, {@code Retry-After},
     * {@code Connection: close}), used by this mapper and, through {@link Answer#writeTo}, where
     * requests are answered without JAX-RS (the webhook servlet, the rate limits' filter). Access
     * denied (403) is for the caller to audit; it knows who was denied.
     */
    public static Answer answer(Throwable thrown, String path) {
        Throwable e = unwrap(thrown);
        Problem problem = problemFor(e, path);
        if (e instanceof RateLimitedProblem) {
            // Audited once per key and window by the limiter; a line per refusal would flood the log.
            LOGGER.log(Level.DEBUG, "Request refused by a rate limit: {0}", problem.detail());
        } else if (problem.status() == 503) {
            // Expected while the database is away; senders retry. One line, no stack trace.
            LOGGER.log(Level.WARNING, "Request refused with 503: {0}", problem.detail());
        } else if (problem.status() >= 500) {
            LOGGER.log(Level.ERROR, "Request " + problem.instance() + " failed", e);
        } else {
            LOGGER.log(Level.DEBUG, "Request refused with {0}: {1}", problem.status(), problem.detail());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (e instanceof NotAllowedException notAllowed) {
            headers.put(HttpHeaders.ALLOW, String.join(", ", new TreeSet<>(notAllowed.getResponse().getAllowedMethods())));
        }
        if (problem.status() == 401) {
            headers.put(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"opssight\"");
        }
        if (problem.status() == 413) {
            // The sender may still be sending; closing tells it to stop rather than wait.
            headers.put("Connection", "close");
        }
        if (e instanceof RateLimitedProblem limited) {
            headers.put(HttpHeaders.RETRY_AFTER, String.valueOf(limited.retryAfterSeconds()));
        } else if (problem.status() == 503) {
            headers.put(HttpHeaders.RETRY_AFTER, "5");
        }
        return new Answer(problem, headers);
    }

    /** Access denied is a security event: recorded apart, so it stays whatever the request did. */
    private void auditDenied(Problem problem) {
        String actor = security != null && security.getUserPrincipal() != null ? security.getUserPrincipal().getName()
                : "anonymous";
        auditDenied(audit, actor, request == null ? null : request.getMethod(), problem);
    }

    /** Records a 403 in the audit trail (apart from the request's transaction); never fails the answer. */
    public static void auditDenied(AuditTrail audit, String actor, String method, Problem problem) {
        if (audit == null) {
            return;
        }
        try {
            audit.recordApart(actor, "access.denied", problem.instance(), AuditEntry.DENIED,
                    (method == null ? "" : method + " ") + problem.instance() + ": " + problem.detail());
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, "Could not record a denied access in the audit trail", e);
        }
    }

    static Problem problemFor(Throwable e, String path) {
        if (e instanceof RateLimitedProblem limited) {
            return new Problem(ProblemType.RATE_LIMITED.uri(), ProblemType.RATE_LIMITED.title(), limited.status(),
                    limited.getMessage(), path, List.of());
        }
        if (e instanceof OpsSightException ops) {
            return problem(ops.type(), ops.getMessage(), path, List.of());
        }
        if (e instanceof ConstraintViolationException violations) {
            return ConstraintViolationMapper.problem(violations, path);
        }
        if (e instanceof EJBAccessException || e instanceof AccessLocalException) {
            return problem(ProblemType.FORBIDDEN, "Your token lacks the permission this operation needs.", path, List.of());
        }
        if (e instanceof OptimisticLockException) {
            return problem(ProblemType.CONFLICT, "The resource was changed by someone else; reload and retry.", path, List.of());
        }
        if (e instanceof NotAuthorizedException) {
            return problem(ProblemType.UNAUTHENTICATED, "A valid bearer token is required.", path, List.of());
        }
        if (e instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status >= 500) {
                return internal();
            }
            Response.StatusType info = Response.Status.fromStatusCode(status);
            String title = info != null ? info.getReasonPhrase() : "Request failed";
            String detail = isBodyProblem(web) ? "The request body could not be read as JSON of the expected shape."
                    : web.getMessage();
            return new Problem(typeFor(status), title, status, detail, path, List.of());
        }
        if (e instanceof JsonException || e instanceof JsonbException || e instanceof ProcessingException) {
            return problem(ProblemType.MALFORMED_PAYLOAD, "The request body could not be read as JSON of the expected shape.",
                    path, List.of());
        }
        if (databaseUnavailable(e)) {
            return problem(ProblemType.UNAVAILABLE, "The database is not reachable; retry later.", path, List.of());
        }
        return internal();
    }

    private static boolean isBodyProblem(WebApplicationException web) {
        for (Throwable c = web.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonException || c instanceof JsonbException) {
                return true;
            }
        }
        return false;
    }

    private static String typeFor(int status) {
        for (ProblemType type : ProblemType.values()) {
            if (type.status() == status) {
                return type.uri();
            }
        }
        return "about:blank";
    }

    private static Problem problem(ProblemType type, String detail, String path, List<Problem.Violation> violations) {
        return new Problem(type.uri(), type.title(), type.status(), detail, path, violations);
    }

    private static Problem internal() {
        String id = "urn:uuid:" + UUID.randomUUID();
        return new Problem(ProblemType.INTERNAL.uri(), ProblemType.INTERNAL.title(), 500,
                "Something went wrong on our side. Quote the instance id when reporting it.", id, List.of());
    }

    public static boolean databaseUnavailable(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLTransientConnectionException || c instanceof SQLNonTransientConnectionException
                    || c instanceof ConnectException || c.getClass().getName().startsWith("jakarta.resource.")
                    || c.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")
                    || connectionState(sqlState(c))) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception: 08001 cannot connect, 08003 "This connection has been
     * closed", 08006 I/O error) and 57P01-57P03 (the server is shutting down, crashed or starting).
     */
    private static boolean connectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    private static String sqlState(Throwable c) {
        return c instanceof SQLException sql ? sql.getSQLState() : null;
    }

    public static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while (current instanceof EJBException && current.getCause() != null) {
            current = current.getCause();
        }
        if (current instanceof EJBException ejb && ejb.getCausedByException() != null) {
            current = ejb.getCausedByException();
        }
        return current;
    }
}
