/** Incidents, their life, and the deployment that caused each (with why it was linked). */
package io.opssight.incident.entity;
