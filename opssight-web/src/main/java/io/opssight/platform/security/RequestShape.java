package io.opssight.platform.security;

import io.opssight.platform.entity.ValidationProblem;
import io.opssight.platform.rest.ProblemMapper;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses requests whose shape the application does not take, before anything reads them, each as a
 * problem (docs/API.md "Request limits"):
 * <ul>
 * <li>a {@code ;} in the path, raw or as {@code %3B}: 400. The container cuts the path at the first
 * {@code ;} for servlet mapping (after decoding, so {@code %3B} too) and JAX-RS reads
 * {@code /tokens/1;DROP} as id 1 with a matrix parameter: the call would act on another object than the
 * one named. Matrix parameters and path parameters ({@code ;jsessionid}) are not part of any route;</li>
 * <li>a path segment that begins or ends with white space ({@code /users/bob%20}): 400. Names are
 * trimmed where they are made and looked up, so such a segment would name the object without the
 * blank: not exactly the object named. No name of ours begins or ends with a blank;</li>
 * <li>a request target (path and query) over {@code opssight.http.max-target-bytes} (8 KiB): 414;</li>
 * <li>header fields over {@code opssight.http.max-header-bytes} together (16 KiB): 431;</li>
 * <li>a body on GET, HEAD or DELETE (RFC 9110 gives it no meaning; a proxy may drop or forward it): 400.</li>
 * </ul>
 * The container's own limit (64 KiB for the request line and headers, {@code pre-boot-commands.asadmin})
 * is above these, so a client sees these problems; past it the HTTP layer answers alone (docs/SECURITY.md).
 */
@WebFilter(urlPatterns = "/*")
public class RequestShape extends HttpFilter {

    @Inject
    @ConfigProperty(name = "opssight.http.max-target-bytes", defaultValue = "8192")
    int maxTargetBytes;

    @Inject
    @ConfigProperty(name = "opssight.http.max-header-bytes", defaultValue = "16384")
    int maxHeaderBytes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<RuntimeException> refusal = refusal(request);
        if (refusal.isPresent()) {
            String path = request.getRequestURI();
            ProblemMapper.answer(refusal.get(), path.length() > 1024 ? null : path).writeTo(response);
            return;
        }
        chain.doFilter(request, response);
    }

    private Optional<RuntimeException> refusal(HttpServletRequest request) {
        String path = request.getRequestURI();
        String query = request.getQueryString();
        long target = path.length() + (query == null ? 0 : query.length() + 1);
        if (target > maxTargetBytes) {
            return Optional.of(new WebApplicationException("The request target (path and query) is " + target
                    + " bytes; at most " + maxTargetBytes + " are taken.", 414));
        }
        if (hasSemicolon(path)) {
            return Optional.of(new ValidationProblem("A path may not contain ';' (raw or as %3B): "
                    + "matrix and path parameters are not part of any route."));
        }
        if (blankEdge(path)) {
            return Optional.of(new ValidationProblem("A path segment may not begin or end with white space."));
        }
        long headers = 0;
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                headers += name.length() + value.length() + 4; // "name: value\r\n"
            }
        }
        if (headers > maxHeaderBytes) {
            return Optional.of(new WebApplicationException("The request's header fields are " + headers
                    + " bytes together; at most " + maxHeaderBytes + " are taken.", 431));
        }
        String method = request.getMethod();
        if (("GET".equals(method) || "HEAD".equals(method) || "DELETE".equals(method)) && hasBody(request)) {
            return Optional.of(new ValidationProblem("A " + method + " request has no body; send it without one."));
        }
        return Optional.empty();
    }

    static boolean hasSemicolon(String rawPath) {
        return rawPath.indexOf(';') >= 0 || rawPath.toUpperCase(Locale.ROOT).contains("%3B");
    }

    /** True when a segment of the raw path, decoded, begins or ends with white space (%20, %09, ...). */
    static boolean blankEdge(String rawPath) {
        for (String segment : rawPath.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String decoded;
            try {
                decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                continue; // undecodable targets never get here (platform.rest.ContainerUriGuard)
            }
            if (!decoded.isEmpty() && (Character.isWhitespace(decoded.charAt(0))
                    || Character.isWhitespace(decoded.charAt(decoded.length() - 1))
                    || Character.isSpaceChar(decoded.charAt(0)) || Character.isSpaceChar(decoded.charAt(decoded.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }
}
