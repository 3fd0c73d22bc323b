/**
 * Console page for alerts. Read-only on purpose: an alert's state is Alertmanager's (firing until
 * it says resolved), and there is no acknowledge/resolve in the backend to call.
 */
package io.opssight.alerting.console;
