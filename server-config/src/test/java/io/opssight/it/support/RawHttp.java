package io.opssight.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for the requests the JDK's client refuses to make: invalid
 * percent-escapes and backslashes in the path, bodies on GET, lying Content-Length, chunk
 * extensions, oversized headers. Every request asks for {@code Connection: close}; the answer is
 * read to its Content-Length (or its last chunk, or the connection's end).
 */
public final class RawHttp {

    private final int port;

    public RawHttp(OpsSightServer server) {
        this.port = server.port();
    }

    /** An answer: its status line, headers (names in lower case) and body, and the exact bytes received. */
    public record Answer(String statusLine, int status, Map<String, String> headers, String body, byte[] raw) {

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

    /** Writes exactly these bytes and reads one answer. */
    public Answer exchange(byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may refuse and close before it has read everything; its answer is still there
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("raw HTTP exchange failed: " + e, e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        String head = readHead(in, raw);
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            long length = Long.parseLong(headers.get("content-length"));
            for (long i = 0; i < length; i++) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                raw.write(b);
                body.write(b);
            }
        } else if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            while (true) {
                String size = readLine(in, raw);
                int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                for (int i = 0; i < length; i++) {
                    int b = in.read();
                    raw.write(b);
                    body.write(b);
                }
                readLine(in, raw);
                if (length == 0) {
                    break;
                }
            }
        } else {
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    raw.write(b);
                    body.write(b);
                }
            } catch (SocketTimeoutException e) {
                // the server kept the connection open without a length: what came is the body
            }
        }
        int status = lines[0].split(" ").length > 1 ? Integer.parseInt(lines[0].split(" ")[1]) : -1;
        return new Answer(lines[0], status, headers, body.toString(StandardCharsets.UTF_8), raw.toByteArray());
    }

    private static String readHead(InputStream in, ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            raw.write(b);
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        if (head.size() == 0) {
            throw new IOException("the server closed the connection without an answer");
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
}
