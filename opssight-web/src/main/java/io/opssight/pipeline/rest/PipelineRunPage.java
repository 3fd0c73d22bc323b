package io.opssight.pipeline.rest;

import java.util.List;

/** One page of pipeline runs; {@code nextCursor} is null on the last page. */
public record PipelineRunPage(List<PipelineRunView> items, String nextCursor) {
}
