-- Version 3.5: an index for the lookup every new pipeline run makes (jobs that arrived before
-- their run), which was a sequential scan over all jobs.
create index pipeline_job_orphan_ix on pipeline_job (origin, run_external_id);
