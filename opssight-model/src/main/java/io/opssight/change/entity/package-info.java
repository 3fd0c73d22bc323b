/**
 * Changes: commits and pull requests, and which commits each deployment shipped (the basis of lead
 * time for changes).
 */
package io.opssight.change.entity;
