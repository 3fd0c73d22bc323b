/** MicroProfile Health: liveness (the process), readiness (database and schema), started (deployed and migrated). */
package io.opssight.platform.health;
