-- When the Auto Discovery list last changed: nodes leaving a cluster are stopped only a drain period
-- after they left the list, so that clients polling "config get cluster" stop using them first.
alter table cache_clusters add column discovery_changed_at timestamptz;
