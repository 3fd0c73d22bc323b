/**
 * Authentication of API callers (API tokens now; MP-JWT and console identities with the security issue)
 * and the first-start admin token. Boundaries elsewhere authorise with {@code @RolesAllowed} on permissions.
 */
package io.opssight.access.boundary;
