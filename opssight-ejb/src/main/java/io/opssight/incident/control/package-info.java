/** Recording incidents and linking them to the deployments that caused them. */
package io.opssight.incident.control;
