/**
 * Authentication and identities: API tokens, local users (PBKDF2 passwords, lockout), roles and
 * role assignments (optionally per team), JWTs from a configured issuer, and the first-start admin
 * token and admin user. Each caller becomes an {@link io.opssight.access.boundary.Identity}: its
 * permissions (container roles) and, when team-scoped, its teams. Boundaries elsewhere authorise
 * with {@code @RolesAllowed} on permissions. See docs/SECURITY.md.
 */
package io.opssight.access.boundary;
