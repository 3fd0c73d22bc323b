package io.opssight.platform.entity;

/**
 * Text as a PostgreSQL column can hold it. A {@code text} or {@code varchar} value cannot contain
 * NUL (U+0000), and a {@code varchar(n)} holds at most n characters; anything else makes the
 * statement fail with a database error that means nothing to the sender. Values OpsSight writes on
 * its own account (a dead letter's reason, a delivery's note) are cleaned with {@link #clean}, so
 * writing them cannot fail; values that came from outside are checked before every insert and
 * update by {@link TextColumns}, which refuses them with a reason naming the field.
 */
public final class StorableText {

    private StorableText() {
    }

    /**
     * The value with control characters other than tab and newline removed (NUL among them) and cut
     * to at most {@code max} characters, never between the halves of a surrogate pair; null stays null.
     */
    public static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder kept = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean drop = TextControls.Refused.ALL_BUT_TAB_AND_LINE_FEED.refuses(c);
            if (drop && kept == null) {
                kept = new StringBuilder(value.length()).append(value, 0, i);
            } else if (!drop && kept != null) {
                kept.append(c);
            }
        }
        return clip(kept == null ? value : kept.toString(), max);
    }

    /**
     * The value cut to at most {@code max} characters, never between the halves of a surrogate pair;
     * null stays null. The one clip: the source mappings fit display text to its column with it.
     */
    public static String clip(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }
}
