/**
 * The pipelines page: runs in a lazy table paged in the database with bookmarkable filters,
 * duration and queue-time trends, flaky and most-failing jobs (pipeline.boundary.PipelineAnalytics),
 * and one run's jobs as a drill-down.
 */
package io.opssight.pipeline.console;
