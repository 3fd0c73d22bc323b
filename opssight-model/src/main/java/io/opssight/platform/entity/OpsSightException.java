package io.opssight.platform.entity;

import jakarta.ejb.ApplicationException;

/**
 * Base of every business exception. Each carries the {@link ProblemType} that the one problem+json
 * mapper turns into an RFC 9457 answer, and, when the problem is about one input, that input's name
 * as the API spells it ({@link #field()}: "team", "from"...), so that a form can show the message
 * next to that field. The field is not on the wire: problem+json bodies name it in their detail.
 * Rollback is on so a failed use case leaves nothing behind.
 */
@ApplicationException(rollback = true, inherited = true)
public class OpsSightException extends RuntimeException {

    private final ProblemType type;
    private final String field;

    public OpsSightException(ProblemType type, String detail) {
        this(type, null, detail);
    }

    public OpsSightException(ProblemType type, String field, String detail) {
        super(detail);
        this.type = type;
        this.field = field;
    }

    public ProblemType type() {
        return type;
    }

    /** The input this problem is about (a parameter or field name as the API spells it), or null. */
    public String field() {
        return field;
    }
}
