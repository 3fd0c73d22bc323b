/**
 * What arrives from the outside world: connected sources and the raw deliveries they send.
 * Deliveries are the system of record; every model object can be rebuilt from them by replay.
 */
package io.opssight.ingestion.entity;
