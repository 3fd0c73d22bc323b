-- Version 4.2: indexes for pipeline analytics (GET /api/v1/pipelines/stats), computed when asked for
-- from the stored runs and jobs: completed runs of a repository by finish time (also per pipeline and
-- branch, for the time a branch was red), and a repository's jobs by finish time.
create index pipeline_run_repo_finished_ix on pipeline_run (repository, branch, pipeline, finished_at);
create index pipeline_job_repo_finished_ix on pipeline_job (repository, finished_at);
