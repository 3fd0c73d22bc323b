/**
 * The audit trail's boundary: the {@code @Audited} interceptor for state changes, security events
 * recorded apart, query, verification and head publication.
 */
package io.opssight.audit.boundary;
