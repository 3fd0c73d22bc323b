/**
 * DORA four keys, per organisation, team, service and production environment, with the events
 * behind every figure. Decisions: a team's or a service's figures are aggregated at query time over
 * the normalized tables, because ingestion already re-derives what each deployment shipped and which
 * deployment caused each incident on every relevant event, so figures are current the moment an event
 * is committed and identical whatever order events arrived in (index-only scans keep this fast,
 * Flyway V4_1). The whole organisation's figures (a million deployments a year) are added up from a
 * daily roll-up (Flyway V4_3) that the same events mark dirty and a timer recomputes; days not yet
 * recomputed are read like a team's, so the answer does not lag either. bench/dora.sh measures both.
 */
package io.opssight.dora.boundary;
