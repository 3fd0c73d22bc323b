-- Version 7.2: audit retention. Entries older than the retention are removed from the start of the
-- chain; the anchor is the seq and hash of the last removed entry, from which verification starts.
alter table audit_head add column anchor_seq bigint default 0 not null;
alter table audit_head add column anchor_hash varchar(64) default '0000000000000000000000000000000000000000000000000000000000000000' not null;
