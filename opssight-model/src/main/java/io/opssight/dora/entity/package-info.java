/**
 * The values DORA questions and answers are made of: the window and its ISO weeks, the scope, the
 * benchmarks with their tier boundaries, the report and the drill-down rows. Not persisted: DORA
 * figures are computed when asked for from the delivery model (deployments, shipped changes,
 * incident links), so there is nothing to keep in step. Pure values, so the web layer may read them.
 */
package io.opssight.dora.entity;
