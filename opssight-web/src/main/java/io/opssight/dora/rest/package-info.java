/**
 * REST boundary for DORA: the four keys ({@code GET /api/v1/dora}) and the drill-downs behind them
 * ({@code /dora/deployments}, {@code /dora/changes}, {@code /dora/incidents}), all with the same
 * filters, so every number in the report can be recounted from the rows it names.
 */
package io.opssight.dora.rest;
