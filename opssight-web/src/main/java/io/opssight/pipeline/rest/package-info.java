/** REST boundary for pipeline runs: filtered, cursor-paged lists, one run with its jobs, and the push API's run operation. */
package io.opssight.pipeline.rest;
