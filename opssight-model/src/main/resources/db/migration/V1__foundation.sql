-- OpsSight schema, version 1: sources and raw deliveries, the catalogue, deployments, API tokens.
-- Written in the SQL that PostgreSQL and H2 (PostgreSQL mode, the embedded default) both accept.

create sequence source_seq start with 1 increment by 50;
create table source (
    id bigint primary key,
    kind varchar(32) not null,
    name varchar(64) not null,
    secret varchar(512) not null,
    enabled boolean not null,
    created_at timestamp with time zone not null,
    secret_rotated_at timestamp with time zone,
    version bigint not null,
    constraint source_kind_name_uk unique (kind, name)
);

create sequence delivery_seq start with 1 increment by 50;
create table delivery (
    id bigint primary key,
    source_id bigint not null references source (id),
    delivery_key varchar(128) not null,
    event_type varchar(128),
    received_at timestamp with time zone not null,
    headers text not null,
    body bytea not null,
    status varchar(16) not null,
    error varchar(2000),
    processed_at timestamp with time zone,
    attempts integer not null,
    constraint delivery_source_key_uk unique (source_id, delivery_key)
);
create index delivery_status_ix on delivery (status, id);
create index delivery_received_ix on delivery (source_id, received_at);

create sequence service_seq start with 1 increment by 50;
create table service (
    id bigint primary key,
    name varchar(200) not null,
    repository varchar(300),
    created_at timestamp with time zone not null,
    version bigint not null,
    constraint service_name_uk unique (name)
);
create index service_repository_ix on service (repository);

create sequence environment_seq start with 1 increment by 50;
create table environment (
    id bigint primary key,
    name varchar(200) not null,
    production boolean not null,
    version bigint not null,
    constraint environment_name_uk unique (name)
);

create sequence deployment_seq start with 1 increment by 50;
create table deployment (
    id bigint primary key,
    origin varchar(200) not null,
    external_id varchar(200) not null,
    service_id bigint not null references service (id),
    environment_id bigint not null references environment (id),
    version varchar(200),
    sha varchar(64),
    ref varchar(300),
    creator varchar(200),
    url varchar(2000),
    description varchar(2000),
    status varchar(16) not null,
    created_at timestamp with time zone not null,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    status_at timestamp with time zone not null,
    status_seq bigint not null,
    row_version bigint not null,
    constraint deployment_origin_external_uk unique (origin, external_id)
);
create index deployment_created_ix on deployment (created_at desc, id desc);
create index deployment_service_env_ix on deployment (service_id, environment_id, created_at);

create sequence api_token_seq start with 1 increment by 50;
create table api_token (
    id bigint primary key,
    name varchar(200) not null,
    token_hash varchar(64) not null,
    token_prefix varchar(16) not null,
    permissions varchar(2000) not null,
    created_by varchar(200) not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone,
    revoked_at timestamp with time zone,
    last_used_at timestamp with time zone,
    version bigint not null,
    constraint api_token_hash_uk unique (token_hash)
);
