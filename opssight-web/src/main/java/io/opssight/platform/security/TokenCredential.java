package io.opssight.platform.security;

import jakarta.security.enterprise.credential.Credential;

/** A token typed into the console's sign-in form. */
public record TokenCredential(String token) implements Credential {
}
