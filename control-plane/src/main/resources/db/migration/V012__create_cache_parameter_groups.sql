-- Tenants' own cache parameter groups (the default groups are not stored: every account has them)
-- and the parameter values each sets; parameters it does not set have their family's default.
create table cache_parameter_groups (
    id          uuid         primary key,
    account_id  varchar(12)  not null references accounts (id),
    name        varchar(255) not null,
    family      varchar(32)  not null,
    description text         not null,
    created_at  timestamptz  not null,
    unique (account_id, name)
);

create table cache_parameter_values (
    group_id uuid         not null references cache_parameter_groups (id) on delete cascade,
    name     varchar(128) not null,
    value    text         not null,
    primary key (group_id, name)
);

-- The values of the requires-reboot parameters each node's process was started with: a node whose
-- group now says otherwise is pending a reboot. Null for nodes created before parameter groups.
alter table cache_nodes add column reboot_parameters text;
