/** Plumbing: the connection factory that picks PostgreSQL or the embedded H2 default. */
package io.opssight.platform.control;
