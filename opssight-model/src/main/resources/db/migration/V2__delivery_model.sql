-- OpsSight schema, version 2: the rest of the delivery model that ingestion fills: teams, pipeline
-- runs and jobs, changes (commits, pull requests) and what each deployment shipped, incidents,
-- alerts, clusters and workloads, automation runs and infrastructure changes.

create sequence team_seq start with 1 increment by 50;
create table team (
    id bigint primary key,
    name varchar(200) not null,
    created_at timestamp with time zone not null,
    version bigint not null,
    constraint team_name_uk unique (name)
);
alter table service add column team_id bigint references team (id);

alter table deployment add column cluster varchar(300);
alter table deployment add column namespace varchar(200);

create sequence pipeline_run_seq start with 1 increment by 50;
create table pipeline_run (
    id bigint primary key,
    origin varchar(200) not null,
    external_id varchar(200) not null,
    service_id bigint references service (id),
    repository varchar(300),
    pipeline varchar(300) not null,
    run_number bigint,
    attempt integer not null,
    branch varchar(300),
    sha varchar(64),
    trigger_event varchar(100),
    actor varchar(200),
    url varchar(2000),
    status varchar(16) not null,
    conclusion varchar(32),
    queued_at timestamp with time zone,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    status_at timestamp with time zone not null,
    row_version bigint not null,
    constraint pipeline_run_origin_external_uk unique (origin, external_id)
);
create index pipeline_run_repo_ix on pipeline_run (repository, branch, queued_at);
create index pipeline_run_service_ix on pipeline_run (service_id, queued_at);

create sequence pipeline_job_seq start with 1 increment by 50;
create table pipeline_job (
    id bigint primary key,
    origin varchar(200) not null,
    external_id varchar(200) not null,
    run_id bigint references pipeline_run (id),
    run_external_id varchar(200),
    repository varchar(300),
    name varchar(300) not null,
    sha varchar(64),
    branch varchar(300),
    runner varchar(300),
    status varchar(16) not null,
    conclusion varchar(32),
    queued_at timestamp with time zone,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    status_at timestamp with time zone not null,
    row_version bigint not null,
    constraint pipeline_job_origin_external_uk unique (origin, external_id)
);
create index pipeline_job_run_ix on pipeline_job (run_id);
create index pipeline_job_sha_ix on pipeline_job (repository, name, sha);

create sequence change_commit_seq start with 1 increment by 50;
create table change_commit (
    id bigint primary key,
    repository varchar(300) not null,
    sha varchar(64) not null,
    message varchar(1000),
    author varchar(200),
    committed_at timestamp with time zone not null,
    branch varchar(300),
    push_before varchar(64),
    push_after varchar(64),
    push_index integer not null,
    pushed_at timestamp with time zone,
    constraint change_commit_repo_sha_uk unique (repository, sha)
);
create index change_commit_push_after_ix on change_commit (repository, push_after);

create sequence pull_request_seq start with 1 increment by 50;
create table pull_request (
    id bigint primary key,
    repository varchar(300) not null,
    number bigint not null,
    title varchar(1000),
    author varchar(200),
    state varchar(16) not null,
    base_branch varchar(300),
    head_sha varchar(64),
    merge_sha varchar(64),
    created_at timestamp with time zone not null,
    merged_at timestamp with time zone,
    closed_at timestamp with time zone,
    updated_at timestamp with time zone not null,
    url varchar(2000),
    row_version bigint not null,
    constraint pull_request_repo_number_uk unique (repository, number)
);
create index pull_request_merge_sha_ix on pull_request (repository, merge_sha);

create table deployment_change (
    deployment_id bigint not null references deployment (id),
    commit_id bigint not null references change_commit (id),
    lead_time_seconds bigint not null,
    primary key (deployment_id, commit_id)
);
create index deployment_change_commit_ix on deployment_change (commit_id);

create sequence incident_seq start with 1 increment by 50;
create table incident (
    id bigint primary key,
    origin varchar(200) not null,
    external_id varchar(200) not null,
    service_id bigint references service (id),
    title varchar(1000) not null,
    severity varchar(32),
    status varchar(16) not null,
    url varchar(2000),
    opened_at timestamp with time zone not null,
    acknowledged_at timestamp with time zone,
    resolved_at timestamp with time zone,
    status_at timestamp with time zone not null,
    caused_by_id bigint references deployment (id),
    cause_origin varchar(200),
    cause_external_id varchar(200),
    link_reason varchar(32),
    link_note varchar(1000),
    row_version bigint not null,
    constraint incident_origin_external_uk unique (origin, external_id)
);
create index incident_service_ix on incident (service_id, opened_at);
create index incident_caused_by_ix on incident (caused_by_id);

create sequence alert_seq start with 1 increment by 50;
create table alert (
    id bigint primary key,
    origin varchar(200) not null,
    fingerprint varchar(200) not null,
    starts_at timestamp with time zone not null,
    name varchar(300) not null,
    service_id bigint references service (id),
    severity varchar(32),
    status varchar(16) not null,
    labels text not null,
    annotations text not null,
    generator_url varchar(2000),
    ends_at timestamp with time zone,
    last_seen_at timestamp with time zone not null,
    row_version bigint not null,
    constraint alert_origin_fingerprint_uk unique (origin, fingerprint, starts_at)
);
create index alert_status_ix on alert (status, last_seen_at);

create sequence k8s_cluster_seq start with 1 increment by 50;
create table k8s_cluster (
    id bigint primary key,
    name varchar(300) not null,
    server varchar(1000),
    first_seen_at timestamp with time zone not null,
    last_seen_at timestamp with time zone not null,
    version bigint not null,
    constraint k8s_cluster_name_uk unique (name)
);

create sequence workload_seq start with 1 increment by 50;
create table workload (
    id bigint primary key,
    cluster_id bigint not null references k8s_cluster (id),
    namespace varchar(200) not null,
    name varchar(300) not null,
    service_id bigint references service (id),
    health varchar(32),
    sync_status varchar(32),
    revision varchar(64),
    last_seen_at timestamp with time zone not null,
    version bigint not null,
    constraint workload_key_uk unique (cluster_id, namespace, name)
);

create sequence automation_run_seq start with 1 increment by 50;
create table automation_run (
    id bigint primary key,
    origin varchar(200) not null,
    external_id varchar(200) not null,
    name varchar(300) not null,
    playbook varchar(300),
    inventory varchar(300),
    launched_by varchar(200),
    status varchar(16) not null,
    url varchar(2000),
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    hosts_ok integer,
    hosts_failed integer,
    row_version bigint not null,
    constraint automation_run_origin_external_uk unique (origin, external_id)
);

create sequence infra_change_seq start with 1 increment by 50;
create table infra_change (
    id bigint primary key,
    origin varchar(200) not null,
    external_id varchar(200) not null,
    workspace varchar(300),
    terraform_version varchar(32),
    creates integer not null,
    updates integer not null,
    deletes integer not null,
    replaces integer not null,
    production_touched boolean not null,
    production_reason varchar(1000),
    resources text not null,
    planned_at timestamp with time zone not null,
    constraint infra_change_origin_external_uk unique (origin, external_id)
);
