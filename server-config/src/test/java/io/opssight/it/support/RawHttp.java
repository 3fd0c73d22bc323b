package io.opssight.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for the requests the JDK's client refuses to make: invalid
 * percent-escapes, backslashes and raw bytes in the target, bodies on GET, lying or repeated
 * Content-Length, Transfer-Encoding and Expect, chunk extensions, bodies shorter than announced,
 * oversized headers. Every request asks for {@code Connection: close}; the answer is read to its
 * Content-Length (or its last chunk, or the connection's end). Used by the security ITs
 * ({@link #send(String, String, String, byte[])}) and the campaign ({@link #send(Request, String[])}).
 */
public final class RawHttp {

    /** How long to wait for an answer: a server that neither answers nor closes is a finding. */
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    private final String host;
    private final int port;

    public RawHttp(OpsSightServer server) {
        this("127.0.0.1", server.port());
    }

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * An answer: its status line, status (-1 when the line has none), headers (names in lower case,
     * repeated ones joined), body, the exact bytes received, and the header fields as sent.
     */
    public record Answer(String statusLine, int status, Map<String, String> headers, String body, byte[] raw,
            Map<String, List<String>> fields) {

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            } catch (RuntimeException e) {
                throw new AssertionError("Not JSON: " + this, e);
            }
        }

        /** The bytes as they came, with CR and LF shown, for messages and docs. */
        public String rawText() {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            return (text.length() > 600 ? text.substring(0, 600) + "…" : text).replace("\r", "\\r").replace("\n", "\\n");
        }

        @Override
        public String toString() {
            return rawText();
        }
    }

    /** {@code method target HTTP/1.1} with Host, Connection: close, these header lines (as given) and body. */
    public Answer send(String method, String target, String headerLines, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n").append("Connection: close\r\n");
        if (!headerLines.isEmpty()) {
            head.append(headerLines.endsWith("\r\n") ? headerLines : headerLines + "\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[start.length + body.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return exchange(all);
    }

    public Answer send(String method, String target, String headerLines) {
        return send(method, target, headerLines, new byte[0]);
    }

    /** A request to build: the target is sent exactly as given (bytes, ISO-8859-1 for chars below 256). */
    public static final class Request {
        public final String method;
        public final byte[] target;
        public final List<String[]> headers = new ArrayList<>();
        public byte[] body = new byte[0];
        boolean contentLength = true;
        /** Stop sending (half-close) after this many body bytes; -1 sends it all. */
        public int sendOnly = -1;
        /** Raw bytes to send instead of the body (chunked framing made by the caller). */
        public byte[] framedBody;
        /** The request is cut short on purpose: the server may close without answering. */
        public boolean mayGoUnanswered;

        public Request(String method, String target) {
            this(method, target.getBytes(StandardCharsets.ISO_8859_1));
        }

        public Request(String method, byte[] target) {
            this.method = method;
            this.target = target;
        }

        public Request header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        public Request headers(Map<String, String> all) {
            all.forEach(this::header);
            return this;
        }

        /** Removes every header of that name (case-insensitive). */
        public Request without(String name) {
            headers.removeIf(h -> h[0].equalsIgnoreCase(name));
            return this;
        }

        public Request body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        /** No Content-Length is added (the caller frames the body, or sends none). */
        public Request noContentLength() {
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
            out.writeBytes(sendOnly >= 0 ? Arrays.copyOf(payload, Math.min(sendOnly, payload.length)) : payload);
            return out.toByteArray();
        }

        private static void write(ByteArrayOutputStream out, String text) {
            out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** Writes exactly these bytes and reads one answer. */
    public Answer exchange(byte[] request) {
        try {
            return exchange(request, false);
        } catch (IOException e) {
            throw new IllegalStateException("raw HTTP exchange failed: " + e, e);
        }
    }

    /**
     * Sends the request; its answer, or null with the reason in {@code why[0]} when none came
     * (no connection, closed without an answer, nothing within the read timeout).
     */
    public Answer send(Request request, String[] why) {
        try {
            return exchange(request.bytes(), request.sendOnly >= 0);
        } catch (SocketTimeoutException e) {
            why[0] = "no answer within " + READ_TIMEOUT_MILLIS / 1000 + " s";
        } catch (Unanswered e) {
            why[0] = "connection closed without an answer";
        } catch (IOException e) {
            why[0] = "connection failed: " + e.getMessage();
        }
        return null;
    }

    /** Writes the bytes (then half-closes, if asked) and reads one answer. */
    private Answer exchange(byte[] request, boolean halfClose) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // the server may refuse and close before it has read everything; its answer is still there
            }
            return read(socket.getInputStream());
        }
    }

    /** The server closed the connection without a byte of answer. */
    private static final class Unanswered extends IOException {
        Unanswered() {
            super("the server closed the connection without an answer");
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        String head = readHead(in, raw);
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).trim();
                String value = lines[i].substring(colon + 1).trim();
                headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + ", " + b);
                fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            if (headers.containsKey("content-length") && length(headers.get("content-length")) >= 0) {
                copy(in, length(headers.get("content-length")), raw, body);
            } else if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
                while (true) {
                    long length = length(readLine(in, raw).split(";")[0].trim(), 16);
                    if (length <= 0 || copy(in, length, raw, body) < length) {
                        readLine(in, raw);
                        break;
                    }
                    readLine(in, raw);
                }
            } else {
                copy(in, Long.MAX_VALUE, raw, body);
            }
        } catch (IOException e) {
            // the server kept the connection open with less than it announced, or reset it after
            // answering: what came is the body
        }
        String[] status = lines[0].split(" ");
        return new Answer(lines[0], status.length > 1 ? (int) length(status[1]) : -1, headers, body.toString(StandardCharsets.UTF_8),
                raw.toByteArray(), fields);
    }

    /** Copies up to {@code length} bytes (fewer if the connection ends); how many came. */
    private static long copy(InputStream in, long length, ByteArrayOutputStream raw, ByteArrayOutputStream body)
            throws IOException {
        long copied = 0;
        int b;
        while (copied < length && (b = in.read()) >= 0) {
            raw.write(b);
            body.write(b);
            copied++;
        }
        return copied;
    }

    private static long length(String text) {
        return length(text, 10);
    }

    /** The number, or -1 when the text is none. */
    private static long length(String text, int radix) {
        try {
            return Long.parseLong(text.trim(), radix);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String readHead(InputStream in, ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        try {
            while (matched < 4 && (b = in.read()) >= 0) {
                raw.write(b);
                head.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
            }
        } catch (IOException e) {
            if (head.size() == 0) {
                throw e;
            }
            // a head cut short (the server stopped or reset): what came is the answer
        }
        if (head.size() == 0) {
            throw new Unanswered();
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            raw.write(b);
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** The body in chunked framing, in chunks of {@code size} bytes, each size line with {@code extension}. */
    public static byte[] chunked(byte[] body, int size, String extension) {
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
