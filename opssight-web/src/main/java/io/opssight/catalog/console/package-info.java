/** Console page for teams and which services they own. */
package io.opssight.catalog.console;
