/** REST boundary for received alerts: filtered, cursor-paged lists and single reads. */
package io.opssight.alerting.rest;
