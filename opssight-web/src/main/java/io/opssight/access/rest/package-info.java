/** REST boundary for API tokens. */
package io.opssight.access.rest;
