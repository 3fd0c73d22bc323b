-- Version 3: every push a commit arrived in, not only the first. A merged pull request's commits
-- arrive first in a push to the feature branch and again (not distinct) in the push to main;
-- what a deployment of main shipped must be walked along main's pushes.
create sequence pushed_commit_seq start with 1 increment by 50;
create table pushed_commit (
    id bigint primary key,
    repository varchar(300) not null,
    branch varchar(300),
    push_before varchar(64),
    push_after varchar(64) not null,
    push_index integer not null,
    commit_id bigint not null references change_commit (id),
    pushed_at timestamp with time zone,
    constraint pushed_commit_uk unique (repository, push_after, commit_id)
);
create index pushed_commit_commit_ix on pushed_commit (commit_id);
insert into pushed_commit (id, repository, branch, push_before, push_after, push_index, commit_id, pushed_at)
    select nextval('pushed_commit_seq'), repository, branch, push_before, push_after, push_index, id, pushed_at
    from change_commit where push_after is not null;
