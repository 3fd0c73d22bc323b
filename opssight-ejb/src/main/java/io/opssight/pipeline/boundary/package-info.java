/**
 * Reading pipeline runs and their jobs for the API and console. Runs are written by ingestion
 * (webhooks and the push API), never here.
 */
package io.opssight.pipeline.boundary;
