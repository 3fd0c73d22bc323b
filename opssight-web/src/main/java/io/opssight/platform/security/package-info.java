/**
 * Authentication wiring: one Jakarta Security mechanism for bearer tokens and console sessions
 * (which OIDC and GitHub sign-in, completed in their own servlets, fill),
 * the API filter that makes every non-webhook call need a caller, and its SOAP twin for
 * {@code /soap/*} (public WSDL, token-only calls, body limit, no DTDs). Authorization itself is
 * {@code @RolesAllowed} with permission names on the EJB boundaries. Also where each request's
 * client address is decided (trusted proxies only) and the per-address and per-identity abuse
 * limits are applied, before any other work, so a flood costs as little as possible.
 */
package io.opssight.platform.security;
