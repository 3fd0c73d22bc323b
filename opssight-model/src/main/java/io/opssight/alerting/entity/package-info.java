/** Alerts received from Alertmanager (and, with the alerting issue, raised by OpsSight's own rules). */
package io.opssight.alerting.entity;
