-- DORA benchmark data, generated straight into a database OpsSight has migrated (bench/dora.sh runs
-- it step by step; every step is one statement that does nothing if its rows exist, so a step cut
-- short, e.g. by a PostgreSQL restart on a shared machine, is simply run again).
-- Sizes from psql variables: :services (2000), :teams (200), :deployments (1000000), :days (365);
-- pipeline runs are inserted in chunks [:first, :last]. Everything lies in the :days before now.
-- Shape: every service belongs to a team (10 each); 70 % of deployments go to "production", 10 % to
-- "production-eu" (also production), 20 % to "staging"; 93 % succeed. Each successful production
-- deployment ships 1-4 commits (lead times exponential, mean 1 day, at most 60 days); 1 in 17 caused
-- an incident (opened within 6 h, resolved within 12 h after, or still open); 5000 incidents are
-- linked to nothing. Pipeline runs: 2 workflows per repository, 60 % on main, 85 % success,
-- 10 % failure, 5 % cancelled, 1-30 minutes long. Deployments are spread evenly over services and
-- time, so a service's rows are scattered over the table as they are after real ingestion.

-- step: teams
insert into team (id, name, created_at, version)
select t, 'team-' || lpad(t::text, 3, '0'), now() - interval '400 days', 0 from generate_series(1, :teams) t
where not exists (select 1 from team);

-- step: services
insert into service (id, name, repository, created_at, version, team_id)
select s, 'svc-' || lpad(s::text, 4, '0'), 'acme/svc-' || lpad(s::text, 4, '0'), now() - interval '400 days', 0,
       1 + (s - 1) % :teams
from generate_series(1, :services) s
where not exists (select 1 from service);

-- step: environments
insert into environment (id, name, production, version)
select * from (values (1, 'production', true, 0), (2, 'production-eu', true, 0), (3, 'staging', false, 0)) e(id, name, production, version)
where not exists (select 1 from environment);

-- step: deployments
insert into deployment (id, origin, external_id, service_id, environment_id, version, sha, ref, creator, status,
                        created_at, started_at, finished_at, status_at, status_seq, row_version)
select n, 'github:bench', n::text, 1 + (n * 7919) % :services,
       case when n % 10 < 7 then 1 when n % 10 = 7 then 2 else 3 end,
       'v' || n, md5(n::text), 'main', 'bench',
       case when n % 25 = 0 then 'FAILURE' when n % 50 = 1 then 'ERROR' else 'SUCCESS' end,
       f - interval '10 minutes', f - interval '9 minutes', f, f, 3, 0
from (select n, now() - random() * (:days || ' days')::interval as f from generate_series(1::bigint, :deployments) n) d
where not exists (select 1 from deployment);

-- step: latest deployment of each service and environment (the flag the recorder keeps, V10_2)
update deployment set latest = true where not latest and not exists (select 1 from deployment n
  where n.service_id = deployment.service_id and n.environment_id = deployment.environment_id
    and (n.created_at > deployment.created_at or (n.created_at = deployment.created_at and n.id > deployment.id)));

-- step: shipped commits
insert into change_commit (id, repository, sha, message, author, committed_at, branch, push_before, push_after, push_index, pushed_at)
select 4 * d.id + j, 'acme/svc-' || lpad(d.service_id::text, 4, '0'), md5(d.id::text || '/' || j), 'change', 'dev',
       d.finished_at - least(-ln(1 - random()) * 86400, 60 * 86400) * interval '1 second', 'main', null, null, j, null
from deployment d cross join lateral generate_series(0, (d.id % 4)::int) j
where d.status = 'SUCCESS' and d.environment_id in (1, 2) and not exists (select 1 from change_commit);

-- step: deployment changes
insert into deployment_change (deployment_id, commit_id, lead_time_seconds, service_id, environment_id, finished_at)
select c.id / 4, c.id, greatest(0, extract(epoch from d.finished_at - c.committed_at))::bigint,
       d.service_id, d.environment_id, d.finished_at
from change_commit c join deployment d on d.id = c.id / 4
where not exists (select 1 from deployment_change);

-- step: incidents caused by deployments
insert into incident (id, origin, external_id, service_id, title, severity, status, opened_at, resolved_at, status_at,
                      caused_by_id, link_reason, link_note, row_version)
select d.id, 'pagerduty:bench', 'I' || d.id, d.service_id, 'incident ' || d.id, 'P2',
       case when x.resolved < now() then 'RESOLVED' else 'TRIGGERED' end, x.opened,
       case when x.resolved < now() then x.resolved end, least(x.resolved, now()),
       d.id, 'LATEST_PRODUCTION_DEPLOYMENT', 'latest production deployment before the incident opened', 0
from deployment d
cross join lateral (select d.finished_at + random() * interval '6 hours' as opened) o
cross join lateral (select o.opened as opened, o.opened + random() * interval '12 hours' as resolved) x
where d.status = 'SUCCESS' and d.environment_id in (1, 2) and d.id % 17 = 0 and not exists (select 1 from incident);

-- step: unlinked incidents
insert into incident (id, origin, external_id, service_id, title, severity, status, opened_at, resolved_at, status_at, row_version)
select 2000000 + i, 'pagerduty:bench', 'U' || i, 1 + i % :services, 'unlinked ' || i, 'P3', 'RESOLVED', o, o + interval '2 hours',
       o + interval '2 hours', 0
from (select i, now() - random() * (:days || ' days')::interval as o from generate_series(1, 5000) i) u
where not exists (select 1 from incident where id > 2000000);

-- step: pipeline runs
insert into pipeline_run (id, origin, external_id, service_id, repository, pipeline, run_number, attempt, branch, sha,
                          trigger_event, actor, status, conclusion, queued_at, started_at, finished_at, status_at, row_version)
select n, 'github:bench', n::text, 1 + n % :services, 'acme/svc-' || lpad((1 + n % :services)::text, 4, '0'),
       case when n % 3 = 0 then 'Deploy' else 'CI' end, n / :services, 1,
       case when n % 5 < 3 then 'main' else 'feature/f' || (n % 97) end, md5(n::text), 'push', 'bench', 'COMPLETED',
       case when n % 20 < 17 then 'SUCCESS' when n % 20 < 19 then 'FAILURE' else 'CANCELLED' end,
       q, q + (n % 60) * interval '1 second', q + (n % 60 + 60 + n % 1740) * interval '1 second',
       q + (n % 60 + 60 + n % 1740) * interval '1 second', 0
from (select n, now() - random() * (:days || ' days')::interval as q from generate_series(:first::bigint, :last::bigint) n) r
where not exists (select 1 from pipeline_run where id = :first);

-- step: sequences
select setval('team_seq', (select max(id) + 100 from team)), setval('service_seq', (select max(id) + 100 from service)),
       setval('environment_seq', 1000), setval('deployment_seq', (select max(id) + 100 from deployment)),
       setval('change_commit_seq', (select max(id) + 100 from change_commit)),
       setval('incident_seq', (select max(id) + 100 from incident)),
       setval('pipeline_run_seq', (select coalesce(max(id), 0) + 100 from pipeline_run));

-- step: mark every day dirty, so OpsSight builds the organisation-wide roll-up
insert into dora_dirty_day (id, day_number, marked_at)
select nextval('dora_dirty_day_seq'), x.day_number, now()
from (select distinct floor(extract(epoch from finished_at) / 86400) as day_number from deployment where finished_at is not null
      union select distinct floor(extract(epoch from resolved_at) / 86400) from incident where resolved_at is not null) x
where not exists (select 1 from dora_dirty_day) and not exists (select 1 from dora_day);

-- step: vacuum analyze
vacuum analyze;
