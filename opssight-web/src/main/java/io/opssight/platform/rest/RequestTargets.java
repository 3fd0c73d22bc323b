package io.opssight.platform.rest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The request targets (the path of the request line, query excluded) that Payara's HTTP layer cannot
 * hand to the application: it would answer them itself before any filter or servlet runs, and not by
 * our error policy. An invalid percent-escape ({@code x%zz}, a trailing {@code %}) makes its URI decoder
 * throw, and the request was then answered {@code 200} with an empty body without reaching any code of
 * ours (a webhook "acknowledged" and never stored); {@code %00}, a backslash, escapes that are not UTF-8
 * and {@code ..} above the root were answered with an empty {@code 400 Invalid URI}. {@link ContainerUriGuard}
 * sends such requests to {@code /errors/refused-uri/<reason>} instead, which answers 400 problem+json.
 * A pure function, unit-tested on its own.
 */
public final class RequestTargets {

    /** Why a target is refused; {@link #detail()} is what the client is told. */
    public enum Refusal {
        NOT_A_PATH("The request target must be a path that starts with '/'."),
        NOT_ASCII("The request target may contain only printable ASCII characters; percent-encode anything else (RFC 3986)."),
        BAD_ESCAPE("The request path has an invalid percent-escape: '%' must be followed by two hexadecimal digits."),
        NUL("The request path may not contain an encoded NUL (%00)."),
        BACKSLASH("The request path may not contain a backslash (\\ or %5C)."),
        NOT_UTF8("The request path's percent-escapes do not decode to UTF-8."),
        TRAVERSAL("The request path climbs above the root with '..'.");

        private final String detail;

        Refusal(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }

        /** The path segment naming this refusal in {@code /errors/refused-uri/<slug>}. */
        public String slug() {
            return name().toLowerCase().replace('_', '-');
        }

        public static Optional<Refusal> ofSlug(String slug) {
            return Arrays.stream(values()).filter(r -> r.slug().equals(slug)).findFirst();
        }
    }

    private RequestTargets() {
    }

    /** Empty when the container can take {@code target} (the path part of the request line) as it is. */
    public static Optional<Refusal> refusal(String target) {
        if (target == null || target.isEmpty()) {
            return Optional.of(Refusal.NOT_A_PATH);
        }
        if (target.equals("*")) {
            return Optional.empty(); // OPTIONS * HTTP/1.1
        }
        if (target.charAt(0) != '/') {
            return Optional.of(Refusal.NOT_A_PATH);
        }
        byte[] decoded = new byte[target.length()];
        int length = 0;
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return Optional.of(Refusal.NOT_ASCII);
            }
            int b = c;
            if (c == '%') {
                if (i + 2 >= target.length()) {
                    return Optional.of(Refusal.BAD_ESCAPE);
                }
                int high = Character.digit(target.charAt(i + 1), 16);
                int low = Character.digit(target.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.of(Refusal.BAD_ESCAPE);
                }
                b = high * 16 + low;
                i += 2;
            }
            if (b == 0) {
                return Optional.of(Refusal.NUL);
            }
            if (b == '\\') {
                return Optional.of(Refusal.BACKSLASH);
            }
            decoded[length++] = (byte) b;
        }
        String path;
        try {
            path = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return Optional.of(Refusal.NOT_UTF8);
        }
        int depth = 0;
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                if (--depth < 0) {
                    return Optional.of(Refusal.TRAVERSAL);
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                depth++;
            }
        }
        return Optional.empty();
    }
}
