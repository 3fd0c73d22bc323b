/** Reading deployments for the API and console. */
package io.opssight.deployment.boundary;
