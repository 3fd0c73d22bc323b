/**
 * Console views of the catalogue: the overview of every service (latest deployment per
 * environment, open incidents, firing alerts, red default branches, DORA tiers per team), one
 * service's page, and the teams page (teams and which services they own). Each panel reads through
 * the boundary of its feature and is shown only to users holding that boundary's permission.
 */
package io.opssight.catalog.console;
