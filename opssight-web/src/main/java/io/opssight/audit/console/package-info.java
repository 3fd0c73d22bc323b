/**
 * Console page for the audit trail: a filtered table paged in the database, chain verification,
 * and an export streamed from the signed-in session (the API's export needs a bearer token).
 */
package io.opssight.audit.console;
