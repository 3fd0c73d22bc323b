/**
 * CI pipelines: runs (one per attempt) and their jobs, in one vocabulary for every CI system.
 * Progress is order-independent (see {@link io.opssight.pipeline.entity.RunTimes}).
 */
package io.opssight.pipeline.entity;
