package io.opssight.platform.entity;

import jakarta.ejb.ApplicationException;

/**
 * Base of every business exception. Each carries the {@link ProblemType} that the one problem+json
 * mapper turns into an RFC 9457 answer; rollback is on so a failed use case leaves nothing behind.
 */
@ApplicationException(rollback = true, inherited = true)
public class OpsSightException extends RuntimeException {

    private final ProblemType type;

    public OpsSightException(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
