-- Version 4.1: indexes for DORA figures, which are computed when asked for from the normalized
-- tables (ingestion keeps those current, so the figures are current too; see docs/DORA.md).
-- Plain composite indexes only: the embedded H2 accepts no partial or INCLUDE indexes.

-- A service's (or a team's services') successful deployments by finish time.
create index deployment_service_status_finished_ix on deployment (service_id, status, finished_at);
-- The whole organisation's successful deployments by finish time, covering what the figures read.
create index deployment_status_finished_ix on deployment (status, finished_at, service_id, environment_id, id);
-- Recovery and time to restore select incidents by when they were resolved.
create index incident_resolved_ix on incident (resolved_at);
-- A team's services.
create index service_team_ix on service (team_id);
