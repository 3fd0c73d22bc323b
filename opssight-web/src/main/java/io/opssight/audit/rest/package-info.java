/** REST boundary of the audit trail: query, verify, streamed export. */
package io.opssight.audit.rest;
