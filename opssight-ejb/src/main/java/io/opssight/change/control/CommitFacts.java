package io.opssight.change.control;

import java.time.Instant;

/** One commit of a push, as the source reported it. */
public record CommitFacts(String sha, String message, String author, Instant committedAt) {
}
