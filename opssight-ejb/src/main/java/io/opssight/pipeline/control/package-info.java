/** Recording pipeline runs and jobs from any CI system. */
package io.opssight.pipeline.control;
