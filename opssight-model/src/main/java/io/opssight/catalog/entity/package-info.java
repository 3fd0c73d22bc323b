/**
 * The catalogue of what is delivered and where: services and environments. Entries are created
 * on first sight from ingested events, so a new source needs no set-up before its data shows.
 */
package io.opssight.catalog.entity;
