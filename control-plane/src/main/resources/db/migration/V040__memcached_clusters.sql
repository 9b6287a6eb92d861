-- Memcached clusters: nodes spread over zones, Auto Discovery and the configuration endpoint, and
-- node-count changes waiting for the maintenance window.

-- single-az or cross-az (memcached); null for the other engines.
alter table cache_clusters add column az_mode varchar(16);
-- The port of the cluster's configuration endpoint on the control plane, for the cluster's life.
alter table cache_clusters add column discovery_port int unique;
-- What "config get cluster" answers: a version that increases with every change, and the nodes as
-- "host|ip|port" separated by spaces.
alter table cache_clusters add column discovery_version bigint not null default 0;
alter table cache_clusters add column discovery_nodes text not null default '';
-- ModifyCacheCluster without ApplyImmediately: the node count, the nodes to remove and the zones of
-- the nodes to add, applied in the maintenance window (PendingModifiedValues).
alter table cache_clusters add column pending_num_cache_nodes int;
alter table cache_clusters add column pending_node_ids_to_remove text;
alter table cache_clusters add column pending_new_zones text;

-- The zone a node was asked for (PreferredAvailabilityZones, NewAvailabilityZones, or the zone the
-- cluster's nodes spread over); null lets placement choose among the cluster's zones.
alter table cache_nodes add column requested_zone varchar(64);
