/** The JAX-RS application and the single problem+json error policy. */
package io.opssight.platform.rest;
