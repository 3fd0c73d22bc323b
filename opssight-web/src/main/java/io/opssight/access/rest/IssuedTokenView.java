package io.opssight.access.rest;

/** A token just created: the only time its secret is shown. */
public record IssuedTokenView(TokenView token, String secret) {
}
