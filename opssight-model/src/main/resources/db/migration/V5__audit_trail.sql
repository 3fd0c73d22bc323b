-- Version 5: the tamper-evident audit trail. Entries are hash-chained in seq order; audit_head
-- holds the last seq and hash and is the lock that serialises appends.
create table audit_entry (
    seq bigint primary key,
    at timestamp with time zone not null,
    actor varchar(200) not null,
    action varchar(200) not null,
    target varchar(500),
    outcome varchar(16) not null,
    client_address varchar(100),
    request_id varchar(100),
    details text,
    prev_hash varchar(64) not null,
    hash varchar(64) not null
);
create index audit_entry_at_ix on audit_entry (at, seq);
create index audit_entry_actor_ix on audit_entry (actor, seq);
create index audit_entry_action_ix on audit_entry (action, seq);

create table audit_head (
    id integer primary key,
    seq bigint not null,
    hash varchar(64) not null
);
insert into audit_head (id, seq, hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
