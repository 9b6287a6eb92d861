-- ModifyCacheCluster: changes waiting for the maintenance window, and settings that are only recorded.
alter table cache_clusters add column pending_cache_node_type varchar(64);
alter table cache_clusters add column pending_engine varchar(16);
alter table cache_clusters add column pending_engine_version varchar(16);
alter table cache_clusters add column pending_parameter_group_name varchar(255);
alter table cache_clusters add column security_group_ids text not null default '';
alter table cache_clusters add column notification_topic_arn varchar(512);
alter table cache_clusters add column notification_topic_status varchar(16);
-- When the maintenance window last applied pending changes (so one window applies them once).
alter table cache_clusters add column last_maintenance_at timestamptz;

-- Memory reserved on the host for the node (its node type's memory), for placement.
alter table cache_nodes add column memory_bytes bigint not null default 0;

-- Per-account quotas; null means the installation's default.
alter table accounts add column cluster_quota int;
alter table accounts add column node_quota int;
-- Per-account API request rate (requests a second); null means the installation's default.
alter table accounts add column api_requests_per_second double precision;
