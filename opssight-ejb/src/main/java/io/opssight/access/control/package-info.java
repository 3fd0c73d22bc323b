/** Token generation and hashing. */
package io.opssight.access.control;
