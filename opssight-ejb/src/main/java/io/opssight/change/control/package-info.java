/** Recording commits and pull requests, and deriving what each deployment shipped. */
package io.opssight.change.control;
