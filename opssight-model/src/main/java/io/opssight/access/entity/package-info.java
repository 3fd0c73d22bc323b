/**
 * Who may do what: permissions (which double as container role names) and API tokens.
 * Deny by default: anything not granted by a permission is refused.
 */
package io.opssight.access.entity;
