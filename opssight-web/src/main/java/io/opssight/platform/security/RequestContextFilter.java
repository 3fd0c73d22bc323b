package io.opssight.platform.security;

import io.opssight.platform.control.CallerContext;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Establishes where each request comes from, for the audit trail: the peer address, or — only
 * when the peer is one of {@code opssight.security.trusted-proxies} — the client address the proxy
 * reports in {@code X-Forwarded-For} (its last hop not added by a trusted proxy). Every request
 * gets a request id (a well-formed {@code X-Request-Id} from a trusted proxy, else a new one),
 * echoed in the response.
 */
@WebFilter(urlPatterns = "/*")
public class RequestContextFilter extends HttpFilter {

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Inject
    CallerContext caller;

    @Inject
    @ConfigProperty(name = "opssight.security.trusted-proxies", defaultValue = " ")
    String trustedProxies;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Set<String> trusted = Arrays.stream(trustedProxies.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        String peer = request.getRemoteAddr();
        boolean viaTrustedProxy = trusted.contains(peer);
        String client = viaTrustedProxy ? clientBehind(request.getHeader("X-Forwarded-For"), trusted, peer) : peer;
        String requested = request.getHeader("X-Request-Id");
        String requestId = viaTrustedProxy && requested != null && REQUEST_ID.matcher(requested).matches()
                ? requested : UUID.randomUUID().toString();
        caller.set(client, requestId);
        response.setHeader("X-Request-Id", requestId);
        chain.doFilter(request, response);
    }

    /** The right-most address in X-Forwarded-For that is not a trusted proxy (the one a proxy saw). */
    static String clientBehind(String forwardedFor, Set<String> trusted, String peer) {
        if (forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trusted.contains(hop)) {
                return hop.length() > 100 ? hop.substring(0, 100) : hop;
            }
        }
        return peer;
    }
}
