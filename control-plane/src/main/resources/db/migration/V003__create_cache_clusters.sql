-- Node-based cache clusters (desired state) and their nodes (placement and observed state).
create table cache_clusters (
    id                           uuid        primary key,
    account_id                   varchar(12) not null references accounts (id),
    cluster_id                   varchar(50) not null,
    engine                       varchar(16) not null,
    engine_version               varchar(16) not null,
    cache_node_type              varchar(64) not null,
    num_cache_nodes              int         not null,
    preferred_availability_zone  varchar(64),
    status                       varchar(32) not null,
    port                         int         not null,
    parameter_group_name         varchar(255) not null,
    preferred_maintenance_window varchar(32) not null,
    snapshot_retention_limit     int         not null,
    snapshot_window              varchar(16),
    auto_minor_version_upgrade   boolean     not null,
    transit_encryption_enabled   boolean     not null,
    generation                   bigint      not null,
    observed_generation          bigint      not null,
    created_at                   timestamptz not null,
    version                      bigint      not null,
    unique (account_id, cluster_id)
);

create table cache_nodes (
    id                uuid        primary key,
    cluster_uuid      uuid        not null references cache_clusters (id) on delete cascade,
    cache_node_id     varchar(4)  not null,
    node_name         varchar(128) not null unique,
    host_id           uuid        references hosts (id),
    availability_zone varchar(64),
    status            varchar(32) not null,
    address           varchar(255),
    port              int,
    created_at        timestamptz not null,
    unique (cluster_uuid, cache_node_id)
);
create index cache_nodes_host_idx on cache_nodes (host_id);
