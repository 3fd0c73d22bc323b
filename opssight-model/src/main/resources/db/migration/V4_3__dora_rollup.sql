-- Version 4.3 (day_number, not day: H2 reserves DAY): the organisation-wide DORA roll-up. Figures for a team or a service are computed from
-- the normalized tables when asked for; the whole organisation's (a million deployments a year) are
-- added up from one row per UTC day and environment, kept current from the same events: every change
-- that can move a figure marks its day dirty (dora_dirty_day), a timer recomputes dirty days every few
-- seconds, and until it has, questions read dirty days from the normalized tables, so answers never lag.

create table dora_day (
    day_number bigint not null,               -- UTC day: floor(epoch seconds / 86400)
    environment_id bigint not null,           -- 0: incidents linked to no deployment (time to restore only)
    deployments bigint not null,              -- successful deployments to this (production) environment that day
    failed_deployments bigint not null,       -- of those, the ones that caused at least one incident
    failure_incidents bigint not null,        -- incidents linked to those
    changes bigint not null,                  -- commits they shipped
    deployments_with_changes bigint not null,
    lead_times varchar(1000000) not null,     -- histogram of the changes' lead times (io.opssight.dora.control.LogHistogram)
    recoveries bigint not null,               -- incidents resolved that day caused by a successful deployment here
    recovery_times varchar(1000000) not null, -- histogram of resolved - that deployment's finish
    restores bigint not null,                 -- incidents resolved that day caused by a deployment here (or by none: 0)
    restore_times varchar(1000000) not null,  -- histogram of resolved - opened
    computed_at timestamp with time zone not null,
    constraint dora_day_pk primary key (day_number, environment_id)
);

create sequence dora_dirty_day_seq start with 1 increment by 50;
create table dora_dirty_day (
    id bigint primary key,
    day_number bigint not null,
    marked_at timestamp with time zone not null
);
create index dora_dirty_day_day_ix on dora_dirty_day (day_number);

-- One row that replicas lock so that one recomputes at a time.
create table dora_rollup_lock (
    id bigint primary key,
    refreshed_at timestamp with time zone
);
insert into dora_rollup_lock (id, refreshed_at) values (1, null);

-- Everything already stored is dirty: the timer builds the roll-up after the upgrade.
insert into dora_dirty_day (id, day_number, marked_at)
select nextval('dora_dirty_day_seq'), d.day_number, current_timestamp
from (select distinct floor(extract(epoch from finished_at) / 86400) as day_number from deployment where finished_at is not null
      union select distinct floor(extract(epoch from resolved_at) / 86400) from incident where resolved_at is not null) d;
