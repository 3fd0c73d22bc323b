package io.opssight.ingestion.rest;

import io.opssight.audit.boundary.AuditTrail;
import io.opssight.ingestion.boundary.Ingestion;
import io.opssight.ingestion.boundary.Ingestion.Receipt;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import io.opssight.platform.entity.StorableText;
import io.opssight.platform.rest.ProblemMapper;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.NotAllowedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Webhook receivers: {@code POST /api/v1/ingest/{kind}/{name}}, authenticated by each source's own
 * scheme inside {@link Ingestion}. A servlet, not a JAX-RS resource: this is the one route that takes
 * load (thousands of deliveries a second), and JAX-RS's per-request work (matching, providers, filters,
 * a request scope) cost about as much as the servlet container, filters and security together
 * (docs/PERFORMANCE.md). What JAX-RS did for the route is here by hand and kept the same: POST only
 * (405 with {@code Allow} otherwise), exactly two path segments (404 otherwise), any content type, the
 * body limit (413), answers as JSON and failures through {@link ProblemMapper#answer}, the API's one
 * error policy. The route's OpenAPI description is {@code META-INF/openapi.yaml}.
 */
@WebServlet(name = "Webhooks", urlPatterns = "/api/v1/ingest/*")
public class WebhookServlet extends HttpServlet {

    /** The route, as the OpenAPI document names it. */
    public static final String ROUTE = "/api/v1/ingest/{kind}/{name}";
    private static final long DRAIN_BOUND = 64L * 1024 * 1024;

    @EJB
    transient Ingestion ingestion;

    @EJB
    transient AuditTrail audit;

    @Inject
    @ConfigProperty(name = "opssight.ingestion.max-body-bytes", defaultValue = "26214400")
    transient long maxBodyBytes;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            switch (request.getMethod()) {
                case "POST" -> receive(request, response);
                case "OPTIONS" -> {
                    response.setHeader("Allow", "OPTIONS, POST");
                    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                }
                default -> throw new NotAllowedException(request.getMethod() + " is not allowed here: webhooks are POSTed",
                        "POST", new String[] {"OPTIONS"});
            }
        } catch (RuntimeException e) {
            ProblemMapper.Answer answer = ProblemMapper.answer(e, request.getRequestURI());
            if (answer.problem().status() == 403) {
                // A disabled source: a refused sender is a security event, as on every other route.
                ProblemMapper.auditDenied(audit, "anonymous", request.getMethod(), answer.problem());
            }
            answer.writeTo(response);
        }
    }

    private void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] route = route(request.getPathInfo());
        String kind = route[0];
        String name = route[1];
        byte[] body = readLimited(kind, name, request.getInputStream());
        Receipt receipt = ingestion.receive(kind, name, headers(request), body);
        response.setStatus(receipt.outcome() == Ingestion.Outcome.DUPLICATE ? 200 : 202);
        response.setContentType("application/json");
        byte[] json = ReceiptView.from(receipt).toJson().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /** {kind, name} of "/{kind}/{name}" (decoded by the container); anything else is no route. */
    static String[] route(String pathInfo) {
        String[] segments = pathInfo == null ? new String[0] : pathInfo.split("/", -1);
        if (segments.length != 3 || !segments[0].isEmpty() || segments[1].isEmpty() || segments[2].isEmpty()) {
            throw new NotFoundProblem("No webhook receiver here: webhooks go to " + ROUTE);
        }
        return new String[] {segments[1], segments[2]};
    }

    /** Each header once, by the name it was sent with; repeated headers joined with commas (RFC 9110 §5.3). */
    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> flat = new HashMap<>();
        for (String header : Collections.list(request.getHeaderNames())) {
            flat.put(header, String.join(",", Collections.list(request.getHeaders(header))));
        }
        return flat;
    }

    /**
     * The body, at most the limit (413 above it). A body that cannot be read to its end (the sender
     * stopped sending, or went away) is the sender's problem, 400, and nothing is stored: there is no
     * delivery to keep.
     */
    private byte[] readLimited(String kind, String name, InputStream body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        try {
            while ((read = body.read(buffer)) != -1) {
                total += read;
                if (total > maxBodyBytes) {
                    drain(body);
                    throw ingestion.oversized(kind, name, maxBodyBytes);
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException e) {
            throw unreadable(total, e);
        } catch (OpsSightException e) {
            throw e;
        } catch (RuntimeException e) {
            // The HTTP layer's own refusal of a broken framing (a bad chunk) surfaces here unchecked.
            throw unreadable(total, e);
        }
        return out.toByteArray();
    }

    private static OpsSightException unreadable(long total, Exception e) {
        return new OpsSightException(ProblemType.MALFORMED_PAYLOAD, "The body could not be read to its end after " + total
                + " bytes" + (e.getMessage() == null ? "" : ": " + StorableText.clean(e.getMessage(), 200)));
    }

    /**
     * Reads (and drops) what the sender is still sending, up to a bound, so that it receives the
     * 413 instead of a reset connection; beyond the bound the connection is simply closed.
     */
    private void drain(InputStream body) throws IOException {
        long budget = Math.max(maxBodyBytes, DRAIN_BOUND);
        byte[] buffer = new byte[64 * 1024];
        int read;
        while (budget > 0 && (read = body.read(buffer)) != -1) {
            budget -= read;
        }
    }
}
