package io.opssight.ingestion.rest;

/** The answer to a rotation: the source and its new secret, shown this once. */
public record RotatedSecretView(SourceView source, String secret) {
}
