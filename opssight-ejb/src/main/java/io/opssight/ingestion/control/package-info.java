/** Per-source authentication, idempotency keys, payload parsing and mapping onto the model. */
package io.opssight.ingestion.control;
