/** Console page for API tokens: a token's clear value is shown once, in the view that created it. */
package io.opssight.access.console;
