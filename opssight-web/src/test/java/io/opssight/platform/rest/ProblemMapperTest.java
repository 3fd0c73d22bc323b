package io.opssight.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.platform.entity.ConflictProblem;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import io.opssight.platform.entity.RateLimitedProblem;
import jakarta.resource.ResourceException;
import java.util.Arrays;
import org.hibernate.exception.JDBCConnectionException;

/** {@code ProblemMapper.answer} with no request path: no JAX-RS runtime needed. */
@DisplayName("#2 ProblemMapper: what the API answers for each kind of failure")
class ProblemMapperTest {

    private Problem answer(Throwable thrown) {
        return ProblemMapper.answer(thrown, null).problem();
    }

    @Nested
    @DisplayName("#2 business exceptions")
    class Business {

        @Test
        @DisplayName("#2 an OpsSightException answers with its own type, title, status and message")
        void opsSightExceptionKeepsItsType() {
            Problem problem = answer(new OpsSightException(ProblemType.BAD_SIGNATURE, "The delivery is not authenticated"));

            assertEquals(ProblemType.BAD_SIGNATURE.uri(), problem.type());
            assertEquals(ProblemType.BAD_SIGNATURE.title(), problem.title());
            assertEquals(401, problem.status());
            assertEquals("The delivery is not authenticated", problem.detail());
            assertNull(problem.instance(), "no request, no instance");
        }

        @Test
        @DisplayName("#2 validation, conflict and not-found problems are 400, 409 and 404")
        void subclassesKeepTheirStatus() {
            assertEquals(400, answer(new ValidationProblem("limit must be between 1 and 500")).status());
            assertEquals(409, answer(new ConflictProblem("source github/acme exists")).status());
            assertEquals(404, answer(new NotFoundProblem("No deployment 7")).status());
        }

        @Test
        @DisplayName("#2 a NotFoundProblem thrown through an EJB boundary is still 404")
        void ejbExceptionIsUnwrapped() {
            NotFoundProblem notFound = new NotFoundProblem("No deployment 7");

            Problem problem = answer(new EJBException(notFound));

            assertEquals(404, problem.status());
            assertEquals(ProblemType.NOT_FOUND.uri(), problem.type());
            assertEquals("No deployment 7", problem.detail());
            assertSame(notFound, ProblemMapper.unwrap(new EJBException(new EJBException(notFound))));
        }
    }

    @Nested
    @DisplayName("#2 platform exceptions")
    class Platform {

        @Test
        @DisplayName("#2 a caller without the role gets 403")
        void accessDeniedIs403() {
            Problem problem = answer(new EJBAccessException("Client not authorized for this invocation"));

            assertEquals(403, problem.status());
            assertEquals(ProblemType.FORBIDDEN.uri(), problem.type());
            assertFalse(problem.detail().contains("Client not authorized"), "the container's text is not passed on");
        }

        @Test
        @DisplayName("#2 a concurrent change is 409")
        void optimisticLockIs409() {
            assertEquals(409, answer(new OptimisticLockException("Row was updated or deleted by another transaction")).status());
        }

        @Test
        @DisplayName("#2 an unreadable JSON body is 400 malformed-payload")
        void jsonExceptionIs400() {
            Problem problem = answer(new JsonException("Unexpected char 39 at (line no=1, column no=2, offset=1)"));

            assertEquals(400, problem.status());
            assertEquals(ProblemType.MALFORMED_PAYLOAD.uri(), problem.type());
            assertFalse(problem.detail().contains("Unexpected char"));
        }

        @Test
        @DisplayName("#2 Bean Validation failures are 400 with their violations sorted by field")
        void constraintViolationsAre400WithViolations() {
            Set<ConstraintViolation<?>> violations = new LinkedHashSet<>();
            violations.add(violation("create.arg0.name", "Source name is required."));
            violations.add(violation("create.arg0.kind", "Source kind is required."));

            Problem problem = answer(new ConstraintViolationException(violations));

            assertEquals(400, problem.status());
            assertEquals(ProblemType.VALIDATION.uri(), problem.type());
            assertEquals("2 field(s) are not valid", problem.detail());
            assertEquals(List.of(new Problem.Violation("kind", "Source kind is required."),
                    new Problem.Violation("name", "Source name is required.")), problem.violations());
        }
    }

    @Nested
    @DisplayName("#2 the database is unreachable")
    class DatabaseDown {

        @Test
        @DisplayName("#2 a connection failure anywhere in the cause chain is 503 unavailable")
        void connectionFailureIs503() {
            Throwable deep = new EJBException(new PersistenceException("could not obtain connection",
                    new RuntimeException(new SQLTransientConnectionException("Connection is not available"))));

            Problem problem = answer(deep);

            assertEquals(503, problem.status());
            assertEquals(ProblemType.UNAVAILABLE.uri(), problem.type());
            assertFalse(problem.detail().contains("Connection is not available"));
        }

        @Test
        @DisplayName("#2 refused connections, pool errors and PostgreSQL connection states are 503 too")
        void otherConnectionFailuresAre503() {
            assertEquals(503, answer(new PersistenceException(new SQLNonTransientConnectionException("gone"))).status());
            assertEquals(503, answer(new RuntimeException(new ConnectException("Connection refused"))).status());
            assertEquals(503, answer(new RuntimeException(new ResourceException("pool exhausted"))).status());
            assertEquals(503, answer(new PersistenceException(new SQLException("refused", "08001"))).status());
            assertEquals(503, answer(new PersistenceException(new SQLException("broken", "08006"))).status());
            assertEquals(503, answer(new PersistenceException(new SQLException("admin shutdown", "57P01"))).status());
            // A pooled connection PostgreSQL closed in a restart, handed out before the pool noticed.
            assertEquals(503, answer(new PersistenceException(new SQLException("This connection has been closed.", "08003"))).status());
            assertEquals(503, answer(new PersistenceException(new SQLException("the database system is starting up", "57P03"))).status());
            assertEquals(503, answer(new JDBCConnectionException("no connection", new SQLException())).status());
        }

        @Test
        @DisplayName("#2 other SQL errors are not 503")
        void otherSqlErrorsAreNot503() {
            assertEquals(500, answer(new PersistenceException(new SQLException("duplicate key", "23505"))).status());
        }
    }

    @Nested
    @DisplayName("#2 anything else")
    class Unexpected {

        @Test
        @DisplayName("#2 an unexpected exception is 500 with an instance id and nothing of the exception in the body")
        void unexpectedIs500WithoutLeaks() {
            Problem problem = answer(new IllegalStateException("secret table api_token has column token_hash"));

            String body = problem.toJson();
            JsonObject json = ProblemTest.json(problem);

            assertEquals(500, problem.status());
            assertEquals(ProblemType.INTERNAL.uri(), json.getString("type"));
            assertTrue(json.getString("instance").matches("urn:uuid:[0-9a-f-]{36}"), body);
            assertFalse(body.contains("IllegalStateException"), body);
            assertFalse(body.contains("java."), body);
            assertFalse(body.contains("token_hash"), body);
            assertFalse(json.containsKey("violations"));
        }

        @Test
        @DisplayName("#2 an EJBException around an unexpected exception is 500 and does not leak it either")
        void wrappedUnexpectedIs500() {
            Problem problem = answer(new EJBException(new NullPointerException("Cannot invoke \"String.length()\"")));

            assertEquals(500, problem.status());
            assertFalse(problem.toJson().contains("NullPointerException"));
            assertFalse(problem.toJson().contains("String.length"));
        }

        @Test
        @DisplayName("#2 every 500 gets its own instance id, so a report can be found in the log")
        void instanceIdsAreUnique() {
            assertNotEquals(answer(new RuntimeException()).instance(), answer(new RuntimeException()).instance());
        }

        @Test
        @DisplayName("#2 the headers an answer needs: a challenge with 401, Retry-After with 429 and 503, Connection: close with 413")
        void answersCarryTheirHeaders() {
            ProblemMapper.Answer unauthenticated = ProblemMapper.answer(
                    new OpsSightException(ProblemType.BAD_SIGNATURE, "The delivery is not authenticated"), "/api/v1/ingest/github/x");
            assertEquals("Bearer realm=\"opssight\"", unauthenticated.headers().get("WWW-Authenticate"));
            assertEquals("/api/v1/ingest/github/x", unauthenticated.problem().instance());

            ProblemMapper.Answer limited = ProblemMapper.answer(
                    new RateLimitedProblem("Over the source's rate", 7, true), null);
            assertEquals(503, limited.problem().status());
            assertEquals("7", limited.headers().get("Retry-After"));

            ProblemMapper.Answer down = ProblemMapper.answer(new PersistenceException(new ConnectException("refused")), null);
            assertEquals("5", down.headers().get("Retry-After"));

            ProblemMapper.Answer tooLarge = ProblemMapper.answer(
                    new OpsSightException(ProblemType.PAYLOAD_TOO_LARGE, "over 25 MB"), null);
            assertEquals(413, tooLarge.problem().status());
            assertEquals("close", tooLarge.headers().get("Connection"));
            assertNull(tooLarge.headers().get("Retry-After"));
        }
    }

    /** A ConstraintViolation as Bean Validation reports it, with only the parts the mapper reads. */
    private static ConstraintViolation<?> violation(String path, String message) {
        List<Path.Node> nodes = Arrays.stream(path.split("\\."))
                .map(name -> (Path.Node) Proxy.newProxyInstance(ProblemMapperTest.class.getClassLoader(),
                        new Class<?>[] {Path.Node.class}, (p, m, a) -> switch (m.getName()) {
                            case "getName", "toString" -> name;
                            default -> null;
                        }))
                .toList();
        Path propertyPath = (Path) Proxy.newProxyInstance(ProblemMapperTest.class.getClassLoader(), new Class<?>[] {Path.class},
                (p, m, a) -> switch (m.getName()) {
                    case "iterator" -> nodes.iterator();
                    case "toString" -> path;
                    default -> null;
                });
        return (ConstraintViolation<?>) Proxy.newProxyInstance(ProblemMapperTest.class.getClassLoader(),
                new Class<?>[] {ConstraintViolation.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMessage" -> message;
                    case "getPropertyPath" -> propertyPath;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    case "toString" -> path + ": " + message;
                    default -> null;
                });
    }
}
