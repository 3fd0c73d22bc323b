/** Recording alerts received from Alertmanager. */
package io.opssight.alerting.control;
