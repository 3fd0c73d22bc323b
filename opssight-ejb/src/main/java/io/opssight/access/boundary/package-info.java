/**
 * Authentication and identities: API tokens, local users (PBKDF2 passwords, lockout), roles and
 * role assignments (optionally per team), JWTs from a configured issuer, console sign-in with an
 * OpenID Connect provider or a GitHub OAuth app (GitHub is not OIDC, so its API answers for the
 * user; both map memberships to roles with the same mapping), and the first-start admin token and
 * admin user. Each caller becomes an {@link io.opssight.access.entity.Identity}: its
 * permissions (container roles) and, when team-scoped, its teams. Boundaries elsewhere authorise
 * with {@code @RolesAllowed} on permissions. See docs/SECURITY.md.
 */
package io.opssight.access.boundary;
