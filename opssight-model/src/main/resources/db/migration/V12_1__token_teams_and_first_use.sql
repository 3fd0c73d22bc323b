-- Version 12.1 (issue 5): an API token may be limited to teams (like a team-scoped user: it then
-- sees and changes only those teams' services' objects), and its first successful use is recorded
-- once (first_used_at, set by a conditional update so concurrent first requests audit it once).
create sequence api_token_team_seq start with 1 increment by 50;
create table api_token_team (
    id bigint primary key,
    token_id bigint not null references api_token (id) on delete cascade,
    team_id bigint not null references team (id) on delete cascade,
    constraint api_token_team_uk unique (token_id, team_id)
);
alter table api_token add column first_used_at timestamp with time zone;
-- Tokens used before this version were used before: their first use is not news.
update api_token set first_used_at = last_used_at where last_used_at is not null;
