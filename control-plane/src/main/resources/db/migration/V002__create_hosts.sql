-- Hosts are registered by their agents; one agent per host, labelled with its availability zone.
create table hosts (
    id                uuid        primary key,
    availability_zone text        not null,
    agent_endpoint    text        not null,
    node_address      text        not null,
    agent_version     text,
    memory_bytes      bigint      not null,
    cpus              int         not null,
    registered_at     timestamptz not null,
    last_heartbeat_at timestamptz not null
);
create index hosts_zone_idx on hosts (availability_zone);
