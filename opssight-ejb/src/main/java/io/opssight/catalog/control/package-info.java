/** Find-or-create of services and environments, shared by every source that reports deployments. */
package io.opssight.catalog.control;
