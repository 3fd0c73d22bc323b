/**
 * Authentication wiring: one Jakarta Security mechanism for bearer tokens and console sessions,
 * and the API filter that makes every non-webhook call need a caller. Authorization itself is
 * {@code @RolesAllowed} with permission names on the EJB boundaries.
 */
package io.opssight.platform.security;
