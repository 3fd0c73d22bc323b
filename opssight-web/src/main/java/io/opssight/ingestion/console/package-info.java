/**
 * Console pages for sources and dead letters. A source's secret is shown once, in the view that
 * created or rotated it, and never again; every change goes through the {@code Sources} and
 * {@code DeadLetters} boundaries, which audit it.
 */
package io.opssight.ingestion.console;
