-- Version 4.1: indexes for DORA figures, which are computed when asked for from the normalized
-- tables (ingestion keeps those current, so the figures are current too; see docs/DORA.md).
-- Plain composite indexes only (the embedded H2 accepts no partial or INCLUDE indexes), each holding
-- every column its query reads, so PostgreSQL answers from the index alone (index-only scans).

-- A service's (or a team's services') successful deployments by finish time.
create index deployment_service_status_finished_ix on deployment (service_id, status, finished_at, environment_id, id);
-- The whole organisation's successful deployments by finish time.
create index deployment_status_finished_ix on deployment (status, finished_at, service_id, environment_id, id);
-- The lead times of what a deployment shipped.
create index deployment_change_lead_ix on deployment_change (deployment_id, lead_time_seconds);
-- The incidents a deployment caused, with the times recovery and time to restore read.
create index incident_cause_times_ix on incident (caused_by_id, resolved_at, opened_at);
-- Recovery and time to restore select incidents by when they were resolved.
create index incident_resolved_ix on incident (resolved_at, caused_by_id, service_id, opened_at);
-- A team's services.
create index service_team_ix on service (team_id);
