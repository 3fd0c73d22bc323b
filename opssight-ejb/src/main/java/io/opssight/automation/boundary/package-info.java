/**
 * Reading what infrastructure tools reported: AWX automation runs, Terraform plans and the Argo CD
 * workloads in each cluster. Writes happen in ingestion (the normalizers); this is the read side
 * for the console. There is no permission of its own yet: these are deployment-like facts, so
 * {@code deployments:read} guards them.
 */
package io.opssight.automation.boundary;
