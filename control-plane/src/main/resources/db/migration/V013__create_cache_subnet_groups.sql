-- Tenants' own cache subnet groups (the group "default", spanning every subnet, is not stored) and
-- their subnets. A subnet is one availability zone's pool of hosts, named subnet-<zone>.
create table cache_subnet_groups (
    id          uuid         primary key,
    account_id  varchar(12)  not null references accounts (id),
    name        varchar(255) not null,
    description text         not null,
    created_at  timestamptz  not null,
    unique (account_id, name)
);

create table cache_subnet_group_subnets (
    group_id  uuid         not null references cache_subnet_groups (id) on delete cascade,
    subnet_id varchar(128) not null,
    primary key (group_id, subnet_id)
);

-- The subnet group that decides where a cluster's nodes may go.
alter table cache_clusters add column subnet_group_name varchar(255) not null default 'default';
