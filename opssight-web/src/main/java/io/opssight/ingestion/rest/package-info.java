/** REST boundary of ingestion: webhook receivers and source management. */
package io.opssight.ingestion.rest;
