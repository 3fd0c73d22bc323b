/**
 * The DORA dashboard: the four keys with tiers for a team, service, production environment and
 * window (view parameters, so a question is a bookmarkable URL), weekly trend charts, and lazy
 * drill-down tables to the deployments, changes and incidents behind each figure. Everything is
 * read through {@code dora.boundary.DoraMetrics}; its validation messages are shown next to the
 * field they concern.
 */
package io.opssight.dora.console;
