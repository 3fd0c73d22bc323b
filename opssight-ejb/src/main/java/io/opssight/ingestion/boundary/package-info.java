/**
 * Webhook ingestion: durable before acknowledged, idempotent on the source's delivery id, and never
 * dropping what it cannot parse (dead letters). Sources are managed here too.
 */
package io.opssight.ingestion.boundary;
