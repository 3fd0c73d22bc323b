package io.opssight.pipeline.boundary;

import io.opssight.pipeline.entity.PipelineRun;
import java.time.Instant;

/**
 * Filters for listing pipeline runs; null means "any". A run is placed in time by when it was
 * queued, else started, else last reported (CI systems do not all report a queue time); from is
 * inclusive and to exclusive. {@code after} is the cursor: the last row of the previous page.
 */
public record PipelineRunQuery(String repository, String branch, String status, String conclusion, Instant from,
        Instant to, Cursor after, int limit) {

    /** A position in the (time desc, id desc) order. */
    public record Cursor(Instant at, long id) {
    }

    /** Where a run stands in that order; the cursor to continue after it. */
    public static Cursor positionOf(PipelineRun run) {
        Instant at = run.times().getQueuedAt() != null ? run.times().getQueuedAt()
                : run.times().getStartedAt() != null ? run.times().getStartedAt() : run.times().getStatusAt();
        return new Cursor(at, run.getId());
    }
}
