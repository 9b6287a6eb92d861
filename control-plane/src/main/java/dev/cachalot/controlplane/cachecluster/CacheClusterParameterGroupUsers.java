package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.parametergroup.CacheParameterGroupUsers;
import dev.cachalot.controlplane.workflow.WorkflowEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Cache clusters use parameter groups: a group in use cannot be deleted, and its changes reach the nodes. */
@Component
class CacheClusterParameterGroupUsers implements CacheParameterGroupUsers {

    private final CacheClusterRepository clusters;
    private final ObjectProvider<WorkflowEngine> workflows;

    // the workflow engine runs the cluster reconciler, which reads parameter groups: looked up late
    CacheClusterParameterGroupUsers(CacheClusterRepository clusters, ObjectProvider<WorkflowEngine> workflows) {
        this.clusters = clusters;
        this.workflows = workflows;
    }

    @Override
    public boolean usesParameterGroup(String accountId, String groupName) {
        return clusters.existsByAccountIdAndParameterGroupName(accountId, groupName);
    }

    @Override
    public void parameterGroupChanged(String accountId, String groupName) {
        for (CacheCluster cluster : clusters.lockByAccountIdAndParameterGroupName(accountId, groupName)) {
            if (cluster.status() == CacheClusterStatus.DELETING) {
                continue;
            }
            cluster.parameterGroupChanged();
            clusters.save(cluster);
            workflows.getObject().request(CacheClusterReconciler.KIND, cluster.id().toString());
        }
    }
}
