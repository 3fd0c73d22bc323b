/** Console views of deployments. */
package io.opssight.deployment.console;
