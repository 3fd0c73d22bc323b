/** REST boundary for teams and which team owns a service (what DORA per team is grouped by). */
package io.opssight.catalog.rest;
