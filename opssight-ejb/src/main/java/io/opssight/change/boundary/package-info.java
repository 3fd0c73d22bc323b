/** Reading what deployments shipped (commits with lead times); recording changes is ingestion's. */
package io.opssight.change.boundary;
