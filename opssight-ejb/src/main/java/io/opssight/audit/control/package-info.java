/** Appending to the hash chain. */
package io.opssight.audit.control;
