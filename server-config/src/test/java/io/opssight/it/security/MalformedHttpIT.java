package io.opssight.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.AlertmanagerHooks;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.RawHttp;
import io.opssight.it.support.Rows;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16, defects 2 and 6: requests the container used to answer itself, sent over a plain socket
 * because the JDK's client refuses to send them. Each is now answered by the one error policy,
 * application/problem+json with the status it deserves; a webhook with an undecodable path is 400 and
 * stores nothing (it was 200 with an empty body, unauthenticated, storing nothing). The few cases the
 * HTTP layer answers before any code of ours can run are pinned to exactly the bytes docs/SECURITY.md
 * lists ("Residual answers of the HTTP layer"), so the doc cannot silently go stale.
 */
@DisplayName("#16 malformed HTTP: every error the container used to answer itself is problem+json")
class MalformedHttpIT {

    private static final String AUTH = "Authorization: Bearer " + OpsSightServer.ADMIN_TOKEN;

    private static OpsSightServer server;
    private static RawHttp raw;
    private static Fixtures.Source source;

    @BeforeAll
    static void setUp() {
        server = OpsSightServer.shared();
        raw = new RawHttp(server);
        source = Fixtures.source(server.http(), "alertmanager");
    }

    static Stream<Arguments> problems() {
        String big = "a".repeat(9000);
        return Stream.of(
                Arguments.of("an encoded NUL in the path", "GET", "/api/v1/tokens/1%00", AUTH, "", 400),
                Arguments.of("an encoded backslash", "GET", "/api/v1/tokens/1%5C", AUTH, "", 400),
                Arguments.of("a raw backslash", "GET", "/api/v1\\tokens", AUTH, "", 400),
                Arguments.of("an escape that is not UTF-8", "GET", "/api/v1/tokens/%ff", AUTH, "", 400),
                Arguments.of("an invalid escape", "GET", "/api/v1/tokens/x%zz", AUTH, "", 400),
                Arguments.of("a trailing %", "GET", "/api/v1/teams/x%", AUTH, "", 400),
                Arguments.of("..%2F above the root", "GET", "/..%2F..%2Fetc/passwd", "", "", 400),
                Arguments.of("/../ above the root", "GET", "/../../etc/passwd", "", "", 400),
                Arguments.of("raw non-ASCII in the path", "GET", "/api/v1/teams/\u00e9", AUTH, "", 400),
                Arguments.of("a target that is not a path", "GET", "api/v1/teams", AUTH, "", 400),
                Arguments.of("a matrix parameter", "DELETE", "/api/v1/tokens/1;DROP%20TABLE%20users", AUTH, "", 400),
                Arguments.of("a body on GET", "GET", "/api/v1/teams", AUTH + "\r\nContent-Length: 2", "{}", 400),
                Arguments.of("a chunked body on GET", "GET", "/api/v1/teams", AUTH + "\r\nTransfer-Encoding: chunked",
                        "2\r\n{}\r\n0\r\n\r\n", 400),
                Arguments.of("a body on DELETE", "DELETE", "/api/v1/tokens/999999999", AUTH + "\r\nContent-Length: 2", "{}", 400),
                Arguments.of("a URL over 8 KiB", "GET", "/api/v1/teams?x=" + big, AUTH, "", 414),
                Arguments.of("headers over 16 KiB", "GET", "/api/v1/teams", AUTH + "\r\nX-Big: " + big + "\r\nX-Big-2: " + big, "", 431),
                Arguments.of("Content-Type: %%%", "POST", "/api/v1/teams", AUTH + "\r\nContent-Type: %%%\r\nContent-Length: 2", "{}", 400),
                Arguments.of("an unknown transfer coding", "POST", "/api/v1/teams", AUTH + "\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: gzip", "{}", 400),
                Arguments.of("Accept: text/html on the API", "GET", "/api/v1/tokens", AUTH + "\r\nAccept: text/html", "", 406),
                Arguments.of("Accept: image/png on the metrics", "GET", "/metrics", "Accept: image/png", "", 406),
                Arguments.of("Accept: image/png on the OpenAPI document", "GET", "/openapi", "Accept: image/png", "", 406),
                Arguments.of("a static file that is not there", "GET", "/nothing.html", "", "", 404),
                Arguments.of("WEB-INF", "GET", "/WEB-INF/web.xml", "", "", 404),
                Arguments.of("a console page that is not there", "GET", "/secret.xhtml", "", "", 404),
                Arguments.of("the error page itself", "GET", "/errors/page", "", "", 404),
                Arguments.of("a method no route has", "PATCH", "/api/v1/teams", AUTH, "", 405));
    }

    @ParameterizedTest(name = "#16 {0}: {5} problem+json")
    @MethodSource("problems")
    @DisplayName("#16 a request the container answered itself (empty 400, HTML page, bare 406) is a problem+json of the right status")
    void answeredByTheErrorPolicy(String what, String method, String target, String headers, String body, int status) {
        RawHttp.Answer answer = raw.send(method, target, withLength(headers, body), body.getBytes(StandardCharsets.UTF_8));

        assertEquals(status, answer.status(), answer::toString);
        assertEquals("application/problem+json", answer.contentType(), answer::toString);
        assertEquals(status, answer.json().getInt("status"), answer::toString);
        assertTrue(!answer.json().getString("title").isBlank() && !answer.json().getString("detail").isBlank(), answer::toString);
    }

    @Test
    @DisplayName("#16 a webhook whose path cannot be decoded (x%zz, x%, x%3Bfoo) is 400 problem+json and stores nothing, signed or not")
    void undecodableWebhookPathIsRefusedAndStoresNothing() {
        long before = Rows.deliveriesOf(server, source);
        byte[] notification = AlertmanagerHooks.notification("opssight", "firing", Map.of("alertname", "Undecodable"),
                AlertmanagerHooks.firing("Undecodable", Fixtures.unique("svc"), "critical", "pod-1", "2026-11-21T08:00:00Z"));
        List<String> wrong = new ArrayList<>();
        for (String suffix : List.of("%zz", "%", "%z", "%3Bfoo", ";foo")) {
            for (String authorization : List.of("", "Authorization: Bearer " + source.secret())) {
                String target = source.ingestPath() + suffix;
                String headers = (authorization.isEmpty() ? "" : authorization + "\r\n") + "Content-Type: application/json";
                RawHttp.Answer answer = raw.send("POST", target, withLength(headers, notification), notification);
                if (answer.status() != 400 || !answer.contentType().equals("application/problem+json")) {
                    wrong.add(target + (authorization.isEmpty() ? " unsigned" : " signed") + " → " + answer);
                }
            }
        }

        assertTrue(wrong.isEmpty(), () -> String.join("\n", wrong));
        assertEquals(before, Rows.deliveriesOf(server, source), "nothing was stored");
        RawHttp.Answer control = raw.send("POST", source.ingestPath(), withLength("Authorization: Bearer " + source.secret()
                + "\r\nContent-Type: application/json", notification), notification);
        assertEquals(202, control.status(), "the same delivery to the real path is taken: " + control);
        assertEquals(before + 1, Rows.deliveriesOf(server, source), "and stored");
    }

    /** The HTTP layer's own answer to what it cannot parse: exactly these bytes, the Date line aside (docs/SECURITY.md). */
    private static final String CODEC_400 = "HTTP/1.1 400 Bad Request\\r\\nConnection: close\\r\\nContent-Length: 0\\r\\n"
            + "X-Frame-Options: SAMEORIGIN\\r\\n\\r\\n";

    static Stream<Arguments> residual() {
        return Stream.of(
                Arguments.of("Content-Length: abc", "POST", "/api/v1/teams", "Content-Length: abc", "{}"),
                Arguments.of("a negative Content-Length", "POST", "/api/v1/teams", "Content-Length: -5", "{}"),
                Arguments.of("two different Content-Lengths", "POST", "/api/v1/teams", "Content-Length: 2\r\nContent-Length: 3", "{}x"),
                Arguments.of("a chunk extension", "POST", "/api/v1/teams", AUTH + "\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked", "2;foo=bar\r\n{}\r\n0\r\n\r\n"),
                Arguments.of("a chunk size that is not hex", "POST", "/api/v1/teams", "Transfer-Encoding: chunked",
                        "zz\r\n{}\r\n0\r\n\r\n"),
                Arguments.of("a header section over 64 KiB", "GET", "/api/v1/teams", "X-Big: " + "a".repeat(70_000), ""),
                Arguments.of("more than 100 header fields", "GET", "/api/v1/teams",
                        Stream.iterate(0, i -> i + 1).limit(120).map(i -> "X-H" + i + ": v").collect(Collectors.joining("\r\n")), ""),
                Arguments.of("a NUL byte in a header value", "GET", "/api/v1/teams", "X-A: a\u0000b", ""));
    }

    @ParameterizedTest(name = "#16 residual: {0}")
    @MethodSource("residual")
    @DisplayName("#16 what the HTTP layer refuses before any code of ours runs is the empty 400 docs/SECURITY.md shows, byte for byte")
    void residualAnswersAreTheDocumentedBytes(String what, String method, String target, String headers, String body) {
        RawHttp.Answer answer = raw.send(method, target, headers, body.getBytes(StandardCharsets.ISO_8859_1));

        assertEquals(CODEC_400, answer.rawText().replaceFirst("Date: [^\\\\]*\\\\r\\\\n", ""), what);
    }

    @Test
    @DisplayName("#16 residual: TRACE is refused by the connector (405, Allow, no body), never echoed")
    void traceIsRefused() {
        RawHttp.Answer answer = raw.send("TRACE", "/api/v1/teams", AUTH + "\r\nCookie: JSESSIONID=secret");

        assertEquals(405, answer.status(), answer::toString);
        assertEquals("", answer.body(), answer::toString);
        assertTrue(answer.headers().containsKey("allow"), answer::toString);
    }

    private static String withLength(String headers, String body) {
        return withLength(headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds Content-Length for a body unless the headers say how it is framed. */
    private static String withLength(String headers, byte[] body) {
        if (body.length == 0 || headers.contains("Content-Length") || headers.contains("Transfer-Encoding")) {
            return headers;
        }
        return (headers.isEmpty() ? "" : headers + "\r\n") + "Content-Length: " + body.length;
    }
}
