/**
 * Start-up (schema migration), the platform's own status for health checks, and the operators' JMX
 * beans ({@code io.opssight:type=...}). JMX callers have no OpsSight identity, so the JMX beans
 * offer only a few changes, each audited with actor {@code jmx}; remote JMX access and its
 * authentication belong to the JVM's agent (docs/OPERATIONS.md).
 */
package io.opssight.platform.boundary;
