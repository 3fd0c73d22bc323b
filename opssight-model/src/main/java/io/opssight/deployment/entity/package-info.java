/**
 * Deployments: what version of which service went to which environment, when, and how it ended.
 * Status transitions are behaviour on the entity so that any source, in any order, ends in the same state.
 */
package io.opssight.deployment.entity;
