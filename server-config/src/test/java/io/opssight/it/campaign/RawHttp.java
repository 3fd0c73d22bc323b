package io.opssight.it.campaign;

import io.opssight.it.support.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for the requests the JDK's HttpClient refuses to make: invalid
 * escapes and raw bytes in the target, forbidden or repeated headers (Content-Length,
 * Transfer-Encoding, Expect), chunk extensions, bodies shorter than announced, a body on GET.
 * Every request says {@code Connection: close}, so the answer is whatever arrives until the server
 * closes; the first response is parsed (status, headers, a Content-Length or chunked body).
 */
final class RawHttp {

    /** How long to wait for an answer: a server that neither answers nor closes is a finding. */
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    private final String host;
    private final int port;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A request to build: the target is sent exactly as given (bytes, ISO-8859-1 for chars below 256). */
    static final class Request {
        final String method;
        final byte[] target;
        final List<String[]> headers = new ArrayList<>();
        byte[] body = new byte[0];
        boolean contentLength = true;
        /** Stop sending (half-close) after this many body bytes; -1 sends it all. */
        int sendOnly = -1;
        /** Raw bytes to send instead of the body (chunked framing made by the caller). */
        byte[] framedBody;
        /** The request is cut short on purpose: the server may close without answering. */
        boolean mayGoUnanswered;

        Request(String method, String target) {
            this(method, target.getBytes(StandardCharsets.ISO_8859_1));
        }

        Request(String method, byte[] target) {
            this.method = method;
            this.target = target;
        }

        Request header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        Request headers(Map<String, String> all) {
            all.forEach(this::header);
            return this;
        }

        /** Removes every header of that name (case-insensitive). */
        Request without(String name) {
            headers.removeIf(h -> h[0].equalsIgnoreCase(name));
            return this;
        }

        Request body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        /** No Content-Length is added (the caller frames the body, or sends none). */
        Request noContentLength() {
            this.contentLength = false;
            return this;
        }

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            write(out, method + " ");
            out.writeBytes(target);
            write(out, " HTTP/1.1\r\n");
            boolean hasHost = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Host"));
            if (!hasHost) {
                write(out, "Host: 127.0.0.1\r\n");
            }
            for (String[] h : headers) {
                write(out, h[0] + ": " + h[1] + "\r\n");
            }
            byte[] payload = framedBody != null ? framedBody : body;
            if (contentLength && framedBody == null && headers.stream().noneMatch(h -> h[0].equalsIgnoreCase("Content-Length"))
                    && (payload.length > 0 || method.equals("POST") || method.equals("PUT"))) {
                write(out, "Content-Length: " + payload.length + "\r\n");
            }
            write(out, "Connection: close\r\n\r\n");
            out.writeBytes(sendOnly >= 0 ? java.util.Arrays.copyOf(payload, Math.min(sendOnly, payload.length)) : payload);
            return out.toByteArray();
        }

        private static void write(ByteArrayOutputStream out, String text) {
            out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** Sends the request; an answer, or null with the reason in {@code why[0]} when none came. */
    Http.Answer send(Request request, String[] why) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.bytes());
                out.flush();
                if (request.sendOnly >= 0) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // The server may answer (and close) before it has read everything: read what it said.
            }
            byte[] received = readAll(socket.getInputStream());
            if (received.length == 0) {
                why[0] = "connection closed without an answer";
                return null;
            }
            return parse(received, why);
        } catch (SocketTimeoutException e) {
            why[0] = "no answer within " + READ_TIMEOUT_MILLIS / 1000 + " s";
            return null;
        } catch (IOException e) {
            why[0] = "connection failed: " + e.getMessage();
            return null;
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int read;
        try {
            while ((read = in.read(buffer)) != -1) {
                out.write(buffer, 0, read);
                if (out.size() > 4 * 1024 * 1024) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            if (out.size() == 0) {
                throw e;
            }
        } catch (IOException e) {
            // A reset after the answer was sent: keep what came.
            if (out.size() == 0) {
                throw e;
            }
        }
        return out.toByteArray();
    }

    private static Http.Answer parse(byte[] raw, String[] why) {
        int headEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        String head = new String(raw, 0, headEnd < 0 ? raw.length : headEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            why[0] = "not an HTTP answer: " + Exchange.snippet(head, 100);
            return null;
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            why[0] = "bad status line: " + Exchange.clip(lines[0], 100);
            return null;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] rest = headEnd < 0 ? new byte[0] : java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        String encoding = first(headers, "Transfer-Encoding");
        String length = first(headers, "Content-Length");
        byte[] body;
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = dechunk(rest);
        } else if (length != null) {
            try {
                body = java.util.Arrays.copyOf(rest, Math.min(rest.length, Integer.parseInt(length.trim())));
            } catch (NumberFormatException e) {
                body = rest;
            }
        } else {
            body = rest;
        }
        return new Http.Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                .findFirst().orElse(null);
    }

    private static byte[] dechunk(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < in.length) {
            int lineEnd = indexOf(in, new byte[] {'\r', '\n'}, pos);
            if (lineEnd < 0) {
                break;
            }
            String size = new String(in, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
            int semicolon = size.indexOf(';');
            int n;
            try {
                n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (n == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(in, start, Math.min(n, in.length - start));
            pos = start + n + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The body in chunked framing, in chunks of {@code size} bytes, each size line with {@code extension}. */
    static byte[] chunked(byte[] body, int size, String extension) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += size) {
            int n = Math.min(size, body.length - i);
            out.writeBytes((Integer.toHexString(n) + extension + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
