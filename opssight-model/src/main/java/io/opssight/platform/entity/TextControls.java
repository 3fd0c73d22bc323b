package io.opssight.platform.entity;

/**
 * The one scanner for control characters in text: C0, DEL and C1 ({@link Character#isISOControl}).
 * Which of them a text may hold depends on where it goes, so every check names what it refuses:
 * a name or id none, a client's multi-line text tab and line breaks, a text OpsSight stores on its
 * own account tab and line feed ({@link StorableText#clean}), a column anything but NUL.
 */
public final class TextControls {

    /** The control characters a check refuses. */
    public enum Refused {
        /** Every control character: names, ids, parameters. */
        ALL(""),
        /** All but tab, line feed and carriage return: text that may have several lines. */
        ALL_BUT_LINE_BREAKS("\t\n\r"),
        /** All but tab and line feed: what {@link StorableText#clean} keeps. */
        ALL_BUT_TAB_AND_LINE_FEED("\t\n"),
        /** Only NUL (U+0000), which no PostgreSQL text can hold. */
        NUL(null);

        private final String allowed;

        Refused(String allowed) {
            this.allowed = allowed;
        }

        /** Whether this check refuses the character (a code point or a UTF-16 unit). */
        public boolean refuses(int c) {
            return allowed == null ? c == '\u0000' : Character.isISOControl(c) && allowed.indexOf(c) < 0;
        }
    }

    private TextControls() {
    }

    /** The index of the first refused character, -1 when there is none (or no text). */
    public static int first(CharSequence text, Refused refused) {
        if (text != null) {
            for (int i = 0; i < text.length(); i++) {
                if (refused.refuses(text.charAt(i))) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Whether the text holds a refused character; null holds none. */
    public static boolean any(CharSequence text, Refused refused) {
        return first(text, refused) >= 0;
    }
}
