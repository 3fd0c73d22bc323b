-- Version 6.1 (issue 5): local users, roles as named permission sets, and who holds which role,
-- optionally for one team only. Built-in roles are inserted and kept current by the application
-- at start-up (their permissions are defined in code).
create sequence users_seq start with 1 increment by 50;
create table users (
    id bigint primary key,
    username varchar(100) not null,
    display_name varchar(200),
    password_hash varchar(300),
    enabled boolean not null,
    failed_attempts integer not null,
    locked_until timestamp with time zone,
    last_login_at timestamp with time zone,
    created_at timestamp with time zone not null,
    version bigint not null,
    constraint users_username_uk unique (username)
);

create sequence access_role_seq start with 1 increment by 50;
create table access_role (
    id bigint primary key,
    name varchar(100) not null,
    description varchar(500),
    permissions varchar(2000) not null,
    built_in boolean not null,
    version bigint not null,
    constraint access_role_name_uk unique (name)
);

create sequence role_assignment_seq start with 1 increment by 50;
create table role_assignment (
    id bigint primary key,
    user_id bigint not null references users (id) on delete cascade,
    role_id bigint not null references access_role (id),
    team_id bigint references team (id),
    created_at timestamp with time zone not null
);
create index role_assignment_user_ix on role_assignment (user_id);
create index role_assignment_role_ix on role_assignment (role_id);
