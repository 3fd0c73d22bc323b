/**
 * Cross-cutting domain types: the business exception hierarchy and the problem types it maps to.
 * They live in the model so that every module (EJB and web) shares one vocabulary of failures.
 */
package io.opssight.platform.entity;
