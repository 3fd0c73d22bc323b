/** Console page for infrastructure: AWX automation runs, Terraform plans and Argo CD workloads (read-only). */
package io.opssight.automation.console;
