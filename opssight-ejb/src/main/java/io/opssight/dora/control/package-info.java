/**
 * How DORA figures are computed: {@link io.opssight.dora.control.DoraQueries} aggregates in SQL
 * (counts per day, medians per ISO week and overall), the pure calculators turn those into the four
 * keys and tiers. The definitions, including every choice PRODUCT.md leaves open, are written down
 * on {@link io.opssight.dora.control.DoraCalculator} and in docs/DORA.md.
 */
package io.opssight.dora.control;
