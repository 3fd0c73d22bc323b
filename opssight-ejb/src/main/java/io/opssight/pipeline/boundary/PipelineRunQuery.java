package io.opssight.pipeline.boundary;

import io.opssight.pipeline.entity.PipelineRun;
import io.opssight.platform.entity.KeysetPage.Position;
import java.time.Instant;

/**
 * Filters for listing pipeline runs; null means "any". A run is placed in time by when it was
 * queued, else started, else last reported (CI systems do not all report a queue time); from is
 * inclusive and to exclusive. {@code after} is the cursor: the last row of the previous page.
 */
public record PipelineRunQuery(String repository, String branch, String status, String conclusion, Instant from,
        Instant to, Position after, int limit) {

    /** Where a run stands in the (time desc, id desc) order; the position to continue after it. */
    public static Position positionOf(PipelineRun run) {
        Instant at = run.times().getQueuedAt() != null ? run.times().getQueuedAt()
                : run.times().getStartedAt() != null ? run.times().getStartedAt() : run.times().getStatusAt();
        return new Position(at, run.getId());
    }
}
