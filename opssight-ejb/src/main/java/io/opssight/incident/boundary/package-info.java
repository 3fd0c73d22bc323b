/**
 * Reading incidents for the API and console, each with the deployment that caused it and why it was
 * linked. Incidents are written by ingestion (webhooks and the push API), never here.
 */
package io.opssight.incident.boundary;
