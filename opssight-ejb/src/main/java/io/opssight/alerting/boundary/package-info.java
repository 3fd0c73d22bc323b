/** Reading alerts received from Alertmanager and PagerDuty; they are written by ingestion only. */
package io.opssight.alerting.boundary;
