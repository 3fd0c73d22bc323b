/** Start-up (schema migration) and the platform's own status for health checks. */
package io.opssight.platform.boundary;
