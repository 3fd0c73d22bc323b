package io.opssight.platform.rest;

import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import jakarta.ws.rs.core.EntityTag;

/**
 * Strong entity tags of editable resources and the If-Match they guard (docs/API.md). The ETag is
 * the resource's row version ({@code "v7"}) or a hash of its editable state; a change that sends
 * If-Match is applied only while it still matches (412 otherwise, checked in the change's
 * transaction), and operations that require it answer 428 without one. One entity tag or
 * {@code *} per If-Match.
 */
public final class EntityTags {

    private EntityTags() {
    }

    public static EntityTag ofVersion(long version) {
        return new EntityTag("v" + version);
    }

    public static EntityTag of(String value) {
        return new EntityTag(value);
    }

    /**
     * The version an If-Match header value names; null when it is absent (and not required) or {@code *}. 428 when
     * required and absent; 412 for a weak or foreign tag, which never matches a version.
     */
    public static Long expectedVersion(String ifMatch, boolean required) {
        String tag = expected(ifMatch, required);
        if (tag == null) {
            return null;
        }
        if (tag.length() < 2 || tag.charAt(0) != 'v') {
            throw mismatch();
        }
        try {
            return Long.parseLong(tag.substring(1));
        } catch (NumberFormatException e) {
            throw mismatch();
        }
    }

    /** The opaque tag an If-Match names (without quotes); null when absent (and not required) or {@code *}. */
    public static String expected(String header, boolean required) {
        if (header == null || header.isBlank()) {
            if (required) {
                throw new OpsSightException(ProblemType.PRECONDITION_REQUIRED,
                        "This change needs If-Match with the ETag you read (GET the resource first).");
            }
            return null;
        }
        String value = header.trim();
        if (value.equals("*")) {
            return null;
        }
        if (value.startsWith("W/") || value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"'
                || value.indexOf(',') >= 0) {
            throw mismatch();
        }
        return value.substring(1, value.length() - 1);
    }

    private static OpsSightException mismatch() {
        return new OpsSightException(ProblemType.PRECONDITION_FAILED,
                "If-Match does not name the current ETag (one strong entity tag, as GET returned it, or *).");
    }
}
