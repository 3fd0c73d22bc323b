/** Console page for incidents, with the deployment each is linked to and why. */
package io.opssight.incident.console;
