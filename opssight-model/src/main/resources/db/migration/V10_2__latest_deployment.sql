-- Version 10.2: what the console's overview asks on every refresh, answered from indexes.
-- A deployment knows whether it is the newest (by creation) of its service and environment; the
-- recorder moves the flag when a newer one arrives. The overview's "what is deploying where" is then
-- an index range scan over a few thousand rows instead of an anti-join over every deployment
-- (bench/ConsoleBench.java: 5 s for the overview over 1 M deployments before this).
alter table deployment add column latest boolean default false not null;
update deployment set latest = true where not exists (select 1 from deployment n
  where n.service_id = deployment.service_id and n.environment_id = deployment.environment_id
    and (n.created_at > deployment.created_at or (n.created_at = deployment.created_at and n.id > deployment.id)));
create index deployment_latest_ix on deployment (latest, created_at, id);
-- Red default branches: the newest failed runs of a branch, by finish time.
create index pipeline_run_branch_finished_ix on pipeline_run (branch, finished_at, id);
-- Fresh statistics for the new column and index (a plain ANALYZE: PostgreSQL and H2 both accept it).
analyze;
