package io.opssight.platform.security;

import io.opssight.audit.boundary.AuditTrail;
import io.opssight.audit.entity.AuditEntry;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deny by default for SOAP ({@code /soap/*}), the twin of {@link ApiAccessFilter}:
 * <ul>
 * <li>the contract ({@code GET ...?wsdl}, {@code ?xsd=n}) is public, like the OpenAPI document;
 * any other GET is 404 (no Metro status page);</li>
 * <li>every call ({@code POST}) needs {@code Authorization: Bearer <API token>}, else 401 with a
 * SOAP fault (code UNAUTHENTICATED); a console session does not count, so a browser cannot be
 * made to call SOAP on a signed-in user's behalf;</li>
 * <li>a call larger than {@code opssight.soap.max-body-bytes} is 413 with a fault (code
 * PAYLOAD_TOO_LARGE), also when it is sent chunked;</li>
 * <li>a message with a document type declaration is refused with a fault (code VALIDATION) before
 * any XML parser sees it: SOAP forbids DTDs, and this rules out entity expansion of every kind.</li>
 * </ul>
 * Which caller may do what is then {@code @RolesAllowed} on the boundaries the endpoint calls.
 */
@WebFilter(urlPatterns = "/soap/*")
public class SoapAccessFilter extends HttpFilter {

    static final String FAULT_NS = "urn:opssight:soap:v1";

    @Inject
    @ConfigProperty(name = "opssight.soap.max-body-bytes", defaultValue = "1048576")
    long maxBodyBytes;

    @EJB
    AuditTrail audit;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String query = request.getQueryString();
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            if (query != null && (query.equalsIgnoreCase("wsdl") || query.matches("(?i)xsd=\\d+"))) {
                chain.doFilter(request, response);
            } else {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, POST");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        if (request.getUserPrincipal() == null) {
            boolean invalid = Boolean.TRUE.equals(request.getAttribute(BearerAuthentication.INVALID_TOKEN));
            if (invalid) {
                audit.recordApart("anonymous", "auth.invalid-token", request.getRequestURI(), AuditEntry.DENIED,
                        "POST " + request.getRequestURI());
            }
            response.setHeader("WWW-Authenticate", invalid ? "Bearer realm=\"opssight\", error=\"invalid_token\""
                    : "Bearer realm=\"opssight\"");
            fault(response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHENTICATED", invalid
                    ? "The bearer token is unknown, expired or revoked."
                    : "This service needs 'Authorization: Bearer <API token>'.");
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            tooLarge(response);
            return;
        }
        byte[] body = read(request.getInputStream(), maxBodyBytes);
        if (body == null) {
            tooLarge(response);
            return;
        }
        if (declaresDoctype(body)) {
            fault(response, HttpServletResponse.SC_BAD_REQUEST, "VALIDATION",
                    "A SOAP message must not contain a document type declaration (DOCTYPE).");
            return;
        }
        chain.doFilter(new BufferedRequest(request, body), response);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        fault(response, 413, "PAYLOAD_TOO_LARGE",
                "The message is larger than " + maxBodyBytes + " bytes (opssight.soap.max-body-bytes).");
    }

    /** The body, or null when it is longer than {@code limit}. */
    static byte[] read(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1;) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Whether the message carries "<!DOCTYPE" in any encoding an XML parser would accept here
     * (UTF-8 and its ASCII subsets, UTF-16 either way round).
     */
    static boolean declaresDoctype(byte[] body) {
        return contains(body, "<!DOCTYPE".getBytes(StandardCharsets.US_ASCII))
                || contains(body, "<!DOCTYPE".getBytes(StandardCharsets.UTF_16BE))
                || contains(body, "<!DOCTYPE".getBytes(StandardCharsets.UTF_16LE));
    }

    private static boolean contains(byte[] body, byte[] needle) {
        outer:
        for (int i = 0; i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A SOAP 1.1 fault with the same detail element as the service's own faults. */
    static void fault(HttpServletResponse response, int status, String code, String message) throws IOException {
        String faultCode = status >= 500 ? "soap:Server" : "soap:Client";
        String text = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                + "<faultcode>" + faultCode + "</faultcode><faultstring>" + text + "</faultstring><detail>"
                + "<ns:fault xmlns:ns=\"" + FAULT_NS + "\"><ns:code>" + code + "</ns:code><ns:message>" + text
                + "</ns:message></ns:fault></detail></soap:Fault></soap:Body></soap:Envelope>";
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/xml;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The request with its body read once, into memory (it is at most the limit). */
    private static final class BufferedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("not asynchronous");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
