/**
 * The catalogue's user-facing side: teams and the services they own (services and environments
 * themselves are created by ingestion on first sight, in catalog.control).
 */
package io.opssight.catalog.boundary;
