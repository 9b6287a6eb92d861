-- Users inside accounts (IAM-style principals, not ElastiCache RBAC users): each has a policy
-- and, optionally, a console password (bcrypt hash). Access keys belong to a user.
create table account_users (
    id            uuid        primary key,
    account_id    varchar(12) not null references accounts (id),
    user_name     varchar(64) not null,
    password_hash text,
    policy        varchar(16) not null check (policy in ('FullAccess', 'ReadOnly')),
    created_at    timestamptz not null,
    unique (account_id, user_name)
);

-- Every existing account gets its "admin" user, which takes over the account's keys.
insert into account_users (id, account_id, user_name, password_hash, policy, created_at)
select gen_random_uuid(), id, 'admin', null, 'FullAccess', created_at from accounts;

alter table access_keys add column user_id uuid references account_users (id);
update access_keys k set user_id = u.id from account_users u where u.account_id = k.account_id and u.user_name = 'admin';
alter table access_keys alter column user_id set not null;
create index access_keys_user_idx on access_keys (user_id);
