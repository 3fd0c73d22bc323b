package io.opssight.pipeline.boundary;

import io.opssight.pipeline.entity.PipelineJob;
import io.opssight.pipeline.entity.PipelineRun;
import java.util.List;

/** A pipeline run with its jobs, in the order they started. */
public record RunWithJobs(PipelineRun run, List<PipelineJob> jobs) {
    public RunWithJobs {
        jobs = List.copyOf(jobs);
    }
}
