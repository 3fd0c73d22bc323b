/** Recording deployments from any source's facts, idempotently and order-independently. */
package io.opssight.deployment.control;
