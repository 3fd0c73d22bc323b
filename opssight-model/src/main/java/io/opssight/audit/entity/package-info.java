/**
 * The audit trail: immutable, hash-chained entries. The chain makes any edit, deletion or
 * reordering detectable at the exact entry; the periodically published head makes a rewrite of the
 * whole chain detectable too.
 */
package io.opssight.audit.entity;
