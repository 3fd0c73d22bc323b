package io.opssight.platform.security;

import io.opssight.platform.control.CallerContext;
import io.opssight.platform.control.RateLimiter;
import io.opssight.platform.entity.Cidr;
import io.opssight.platform.entity.RateLimitedProblem;
import io.opssight.platform.rest.ProblemMapper;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.Enumeration;

/**
 * Establishes where each request comes from, for the audit trail and the abuse limits: the peer
 * address, or — only when the peer is in one of the {@code opssight.http.trusted-proxies} ranges
 * (CIDRs) — the client address the proxy reports in {@code X-Forwarded-For} (the right-most hop
 * that is not itself a trusted proxy). Every request gets a request id (a well-formed
 * {@code X-Request-Id} from a trusted proxy, else a new one), echoed in the response. Then the
 * request is counted against its {@link RateLimits}: API calls and console form posts (webhook
 * deliveries are counted by ingestion, {@code SourceRateLimit}); refused with 429 and
 * {@code Retry-After}. Responses to
 * requests that came over TLS (directly, or per {@code X-Forwarded-Proto} from a trusted proxy)
 * carry {@code Strict-Transport-Security}.
 */
@WebFilter(urlPatterns = "/*")
public class RequestContextFilter extends HttpFilter {

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Inject
    CallerContext caller;

    @Inject
    RateLimits rateLimits;

    @Inject
    TrustedProxies proxies;

    @Inject
    @ConfigProperty(name = "opssight.http.hsts-max-age", defaultValue = "31536000")
    long hstsMaxAge;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean viaTrustedProxy = proxies.trusts(request.getRemoteAddr());
        String client = proxies.clientOf(request);
        String requested = request.getHeader("X-Request-Id");
        String requestId = viaTrustedProxy && requested != null && REQUEST_ID.matcher(requested).matches()
                ? requested : UUID.randomUUID().toString();
        caller.set(client, requestId);
        response.setHeader("X-Request-Id", requestId);
        if (hstsMaxAge > 0 && (request.isSecure() || viaTrustedProxy && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto")))) {
            // Only over TLS (RFC 6797 §7.2): on plain HTTP the header would be ignored and is misleading.
            response.setHeader("Strict-Transport-Security", "max-age=" + hstsMaxAge);
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (counted(request.getMethod(), path)) {
            String principal = request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
            Optional<RateLimiter.Refusal> refusal = rateLimits.check(path, principal, client, request.getMethod());
            if (refusal.isPresent()) {
                refuse(response, refusal.get(), path);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * API calls, and console form posts (sign-in attempts among them); not pages and assets, and
     * not webhook deliveries: ingestion counts those against the address only when it refuses them
     * ({@code SourceRateLimit}), so a busy sender's signed events are never refused at the door.
     */
    static boolean counted(String method, String path) {
        return path.startsWith("/api/") && !path.startsWith("/api/v1/ingest/")
                || "POST".equals(method) && path.endsWith(".xhtml");
    }

    private static void refuse(HttpServletResponse response, RateLimiter.Refusal refusal, String path) throws IOException {
        ProblemMapper.answer(new RateLimitedProblem(refusal.detail(), refusal.retryAfterSeconds(), false), path).writeTo(response);
    }

    /** The right-most address in X-Forwarded-For that is not a trusted proxy (the one a proxy saw). */
    static String clientBehindAll(Enumeration<String> headers, List<Cidr> trusted, String peer) {
        StringBuilder all = new StringBuilder();
        while (headers != null && headers.hasMoreElements()) {
            all.append(all.length() == 0 ? "" : ",").append(headers.nextElement());
        }
        return clientBehind(all.toString(), trusted, peer);
    }

    static String clientBehind(String forwardedFor, List<Cidr> trusted, String peer) {
        if (forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (hop.isEmpty() || Cidr.anyContains(trusted, hop)) {
                continue;
            }
            // Only an IP literal is believed: anything else is not what a proxy writes.
            return Cidr.literal(hop) == null ? peer : hop;
        }
        return peer;
    }
}
