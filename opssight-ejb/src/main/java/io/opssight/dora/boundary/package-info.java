/**
 * DORA four keys, per organisation, team, service and production environment, with the events
 * behind every figure. Decisions: figures are aggregated at query time over the normalized tables
 * (no roll-up), because ingestion already re-derives what each deployment shipped and which
 * deployment caused each incident on every relevant event; so figures are current the moment an
 * event is committed and identical whatever order events arrived in. Indexes (Flyway V4_1) keep the
 * queries on index range scans; bench/dora.sh measures them.
 */
package io.opssight.dora.boundary;
