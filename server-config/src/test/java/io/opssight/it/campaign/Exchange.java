package io.opssight.it.campaign;

import io.opssight.it.support.Http;
import io.opssight.it.support.RawHttp;
import java.nio.charset.StandardCharsets;

/**
 * One request of the campaign with its answer, kept as a reproduction: where it went ({@code area}:
 * "webhook:github", "api:GET", "matrix"), what was sent and how it was mutated, and what came back.
 * {@code status} is -1 when no answer came (the connection was closed or timed out), with the
 * reason as {@code body}.
 */
record Exchange(String area, String method, String path, String mutation, int status, String contentType, String body) {

    static Exchange of(String area, String method, String path, String mutation, Http.Answer answer) {
        return new Exchange(area, method, path, mutation, answer.status(), answer.contentType(), answer.body());
    }

    static Exchange noAnswer(String area, String method, String path, String mutation, String why) {
        return new Exchange(area, method, path, mutation, -1, "", why);
    }

    boolean answered() {
        return status > 0;
    }

    boolean success() {
        return status >= 200 && status < 300;
    }

    boolean error() {
        return status >= 400;
    }

    String statusClass() {
        return status < 0 ? "no answer" : (status / 100) + "xx";
    }

    /** One line: method, path (clipped), mutation, status, first 200 characters of the body. */
    String reproduction() {
        return method + " " + clip(path, 160) + " [" + mutation + "] -> " + (status < 0 ? "no answer" : status)
                + (contentType.isEmpty() ? "" : " " + contentType) + " " + snippet(body, 200);
    }

    /** A raw answer as the campaign reads answers, or null with the reason in {@code why[0]} when it is none. */
    static Http.Answer answer(RawHttp.Answer raw, String[] why) {
        if (raw == null) {
            return null;
        }
        String[] statusLine = raw.statusLine().split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            String text = new String(raw.raw(), StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            why[0] = "not an HTTP answer: " + snippet(headEnd < 0 ? text : text.substring(0, headEnd), 100);
            return null;
        }
        if (raw.status() < 0) {
            why[0] = "bad status line: " + clip(raw.statusLine(), 100);
            return null;
        }
        return new Http.Answer(raw.status(), raw.fields(), raw.body());
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " chars)";
    }

    /** The first {@code max} characters of a text, printable, and how long it was if longer. */
    static String snippet(String text, int max) {
        String head = printable(text.length() <= max ? text : text.substring(0, max));
        return text.length() <= max ? head : head + "…(" + text.length() + " chars)";
    }

    /** Control characters (and terminal colour codes) shown escaped, so a reproduction stays one readable line. */
    static String printable(String text) {
        text = text.replaceAll("\u001B\\[[0-9;]*m", "");
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
