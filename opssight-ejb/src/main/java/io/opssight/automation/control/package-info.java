/** Recording automation runs and infrastructure changes. */
package io.opssight.automation.control;
