/** REST boundary for deployments: filtered, cursor-paged lists and single reads. */
package io.opssight.deployment.rest;
