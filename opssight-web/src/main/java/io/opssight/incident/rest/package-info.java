/**
 * REST boundary for incidents: filtered, cursor-paged lists and single reads with the causing
 * deployment, and the push API's incident and resolve operations.
 */
package io.opssight.incident.rest;
